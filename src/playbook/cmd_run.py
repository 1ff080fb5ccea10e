"""x"""

def register(sub):
    pass
