# A bare except followed by another handler.
try:
    pass
except:
    pass
except ValueError:
    pass
