"""One generic spider per kind of source; spider name = file name = kind."""
