package io.statectl.kernel.store;

class InMemoryPathIndexTest extends PathIndexContractTest {
  @Override
  PathIndex newIndex() {
    return new InMemoryPathIndex();
  }
}
