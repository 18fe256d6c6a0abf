# No models. This module exists so that Django sends post_migrate for this app, which
# keeps the "Content editors" group in step (see permissions.py).
