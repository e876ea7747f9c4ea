#!/bin/sh
# Prints the greeting that ships next to it in the profile.
here=$(dirname "$(readlink -f "$0")")
cat "$here/../share/hello/greeting.txt"
