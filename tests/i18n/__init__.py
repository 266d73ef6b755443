"""Tests of the patient side in Spanish (docs/i18n.md). Each test starts in English
(tests/conftest.py), since a request under /es/ leaves Spanish active on the thread."""


def page(client, url):
    """The page's HTML, after checking it answered 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()
