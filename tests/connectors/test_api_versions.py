"""No API version is written into a request path: each platform's default, or the account's
own (`granska accounts edit KEY --api-version V`)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from app.connectors.facebook import FacebookConnector
from app.connectors.linkedin import LinkedInConnector
from app.connectors.x import XConnector
from app.connectors.youtube import YouTubeConnector
from tests.helpers.platforms import quick_options, running


def test_the_default_base_urls_name_the_version_only_as_a_placeholder():
    for cls in (FacebookConnector, YouTubeConnector, XConnector):
        assert "{version}" in cls.default_base_url and cls.default_api_version
        assert cls.default_api_version not in cls.default_base_url
    account = SimpleNamespace(key="fb", name="FB", external_id="1", api_base_url=None, api_version=None)
    assert FacebookConnector(account, "t").http.base_url == "https://graph.facebook.com/v21.0"
    newer = SimpleNamespace(**{**vars(account), "api_version": "v23.0"})
    assert FacebookConnector(newer, "t").http.base_url == "https://graph.facebook.com/v23.0"
    assert YouTubeConnector(account, "t").http.base_url == "https://www.googleapis.com/youtube/v3"


def test_an_accounts_own_version_reaches_the_platform():
    with running("facebook") as r:
        r.fake.store.add_comment(r.fake.store.add_post(), "Hej")
        account = SimpleNamespace(
            **{**vars(r.account()), "api_base_url": r.server.url + "/{version}", "api_version": "v21.0"}
        )
        items = FacebookConnector(account, r.fake.token, quick_options()).fetch(None).items
        assert len(items) == 2 and all(req.path.startswith("/v21.0/") for req in r.fake.requests)
    with running("linkedin") as r:
        account = SimpleNamespace(**{**vars(r.account()), "api_version": "202601"})
        LinkedInConnector(account, r.fake.token, replace(quick_options())).check()
        assert r.fake.requests[-1].headers["linkedin-version"] == "202601"
