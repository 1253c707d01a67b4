"""The shared HTTP client against a real server on 127.0.0.1: retries that honour Retry-After,
backoff on 500, timeouts and broken JSON, and limits on all of it."""

from __future__ import annotations

import logging
from email.utils import format_datetime

import pytest

from app.connectors.common import ConnectorOptions
from app.connectors.http import RetryPolicy, Timeouts, strip_secrets
from app.core.errors import PlatformError
from app.models.base import utcnow
from tests.helpers.platforms import Sleeps, quick_options, running
from tests.helpers.platforms.server import Response


@pytest.fixture
def facebook():
    with running("facebook") as r:
        post = r.fake.store.add_post("Simhallen öppnar i maj.")
        r.fake.store.add_thread(post, 5)
        yield r


def test_429_waits_exactly_what_retry_after_says(facebook):
    sleeps = Sleeps()
    facebook.fake.fail_with_429(7, match="/comments")
    result = facebook.connector(quick_options(sleeps)).fetch(None)
    assert sleeps.waits == [7.0]
    assert len([i for i in result.items if i.kind == "comment"]) == 5


def test_retry_after_as_an_http_date(facebook):
    sleeps = Sleeps()
    when = utcnow().replace(microsecond=0)
    later = when.timestamp() + 30
    date = format_datetime(when.fromtimestamp(later, when.tzinfo), usegmt=True)
    facebook.fake.fail(Response(429, b"", {"Retry-After": date}), match="/comments")
    facebook.connector(quick_options(sleeps)).fetch(None)
    assert len(sleeps.waits) == 1 and 25 <= sleeps.waits[0] <= 31


def test_server_errors_back_off_and_then_succeed(facebook):
    sleeps = Sleeps()
    facebook.fake.fail_with_server_error(match="/comments", times=2)
    result = facebook.connector(quick_options(sleeps)).fetch(None)
    assert len(sleeps.waits) == 2 and sleeps.waits[1] > sleeps.waits[0]  # exponential
    assert len(result.items) == 6


def test_a_slow_answer_times_out_and_is_asked_again(facebook):
    facebook.fake.fail_slowly(3.0, match="/comments")
    result = facebook.connector(quick_options(read_timeout=0.3)).fetch(None)
    assert len(result.items) == 6
    assert facebook.fake.count("/comments") == 2


def test_broken_json_is_asked_again_and_then_reported(facebook):
    facebook.fake.fail_with_broken_json(match="/comments")
    assert len(facebook.connector().fetch(None).items) == 6

    facebook.fake.fail_with_broken_json(match="/comments", times=10)
    with pytest.raises(PlatformError) as caught:
        facebook.connector().fetch(None)
    assert caught.value.kind == "bad_response"
    assert "trasig JSON" in str(caught.value) and "Vadstena kommun (facebook)" in str(caught.value)


def test_retries_are_bounded(facebook):
    facebook.fake.fail_with_server_error(match="/comments", times=100)
    before = facebook.fake.count("/comments")
    with pytest.raises(PlatformError) as caught:
        facebook.connector().fetch(None)
    assert facebook.fake.count("/comments") - before == 4  # RetryPolicy(attempts=4)
    assert caught.value.retryable


def test_a_wait_longer_than_allowed_is_not_slept_but_reported(facebook):
    sleeps = Sleeps()
    facebook.fake.fail_with_429(3600, match="/comments")
    options = ConnectorOptions(
        retry=RetryPolicy(attempts=4, max_delay=60), timeouts=Timeouts(read=2), sleep=sleeps
    )
    with pytest.raises(PlatformError) as caught:
        facebook.connector(options).fetch(None)
    assert sleeps.waits == []
    assert caught.value.kind == "rate_limit" and caught.value.retry_after == 3600


def test_an_auth_error_is_not_retried(facebook):
    facebook.fake.expire_token()
    with pytest.raises(PlatformError) as caught:
        facebook.connector().fetch(None)
    assert facebook.fake.count("/feed") == 1
    assert caught.value.kind == "auth" and not caught.value.retryable


def test_a_refused_connection_is_a_clear_transient_error():
    with running("facebook") as r:
        connector = r.connector()
    with pytest.raises(PlatformError) as caught:  # the server is gone now
        connector.check()
    assert caught.value.kind == "transient" and "gick inte att nå" in str(caught.value)


def test_the_token_travels_in_a_header_never_in_a_url_or_a_log(facebook, caplog):
    caplog.set_level(logging.DEBUG)
    facebook.fake.fail_with_429(1, match="/comments")
    facebook.connector().fetch(None)
    assert all("access_token" not in r.query for r in facebook.fake.requests)
    assert all(r.headers["authorization"] == f"Bearer {facebook.fake.token}" for r in facebook.fake.requests)
    assert facebook.fake.token not in caplog.text
    assert "HTTP Request" in caplog.text  # httpx did log the URLs


def test_secrets_are_stripped_from_urls_a_platform_hands_back():
    url = "https://graph.facebook.com/v21.0/1/comments?limit=25&access_token=SECRET&after=QVFI"
    assert strip_secrets(url) == "https://graph.facebook.com/v21.0/1/comments?limit=25&after=QVFI"
