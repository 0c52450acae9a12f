# A decimal literal with a leading zero.
mode = 0777
