INSTALLED_APPS = ["django.contrib.auth", "site"]
