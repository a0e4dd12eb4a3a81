from tests.portal.conftest import other_case  # noqa: F401 - another victim's case in the same unit
