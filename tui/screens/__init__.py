"""The reader's screens: the main reader, help, and a statement's versions."""
