# Checks `import utils.helper` from utils/helper.py (a namespace package without __init__.py).
import utils.helper
from utils.helper import shout

print(utils.helper.add(2, 3))
print(shout("hi"))
