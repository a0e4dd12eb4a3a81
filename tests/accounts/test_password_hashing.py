import importlib

from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_settings_hash_passwords_with_argon2_first():
    production = importlib.import_module("victimcare.settings")
    assert production.PASSWORD_HASHERS[0] == ARGON2


def test_a_password_is_stored_as_an_argon2_hash():
    production = importlib.import_module("victimcare.settings")
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        stored = make_password("correct-horse-battery-staple")
        assert stored.startswith("argon2$argon2id$")
        assert check_password("correct-horse-battery-staple", stored)
        assert not check_password("wrong-horse-battery-staple", stored)
