"""X API v2: the account's recent posts and the replies in each conversation (recent search
by `conversation_id`, `next_token` paging). A conversation's owner can hide replies
(`PUT /2/tweets/{id}/hidden`) but not delete them. Rate limits come as `x-rate-limit-*`
headers; a 429 says when the window resets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.connectors.common import CompleteListing, FetchChunk, PlatformConnector, parse_time
from app.connectors.oauth import OAuthSpec
from app.core.connector import Capabilities, PlatformResult
from app.core.errors import PlatformError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

X_BASE = "https://api.x.com/{version}"
X_OAUTH = OAuthSpec(
    auth_url="https://x.com/i/oauth2/authorize",
    token_url="https://api.x.com/2/oauth2/token",
    # offline.access: a refresh token; without it the sign-in ends after two hours.
    scopes=("tweet.read", "users.read", "tweet.moderate.write", "tweet.write", "offline.access"),
    needed={"hide": ("tweet.moderate.write",), "reply": ("tweet.write",)},
    console="https://developer.x.com/en/portal/dashboard",
    redirect_port=47615,
)
TWEET_FIELDS = (
    "created_at,conversation_id,author_id,in_reply_to_user_id,referenced_tweets,edit_history_tweet_ids"
)
# Recent search sees the last seven days; a little margin keeps the edge out of "complete".
SEARCH_REACH = timedelta(days=7) - timedelta(minutes=10)


def x_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class XConnector(PlatformConnector):
    platform = "x"
    platform_label = "X"
    capabilities = Capabilities(can_hide=True, can_unhide=True, can_delete=False, can_reply=True)
    default_base_url = X_BASE
    default_api_version = "2"
    oauth = X_OAUTH
    capability_note = (
        "Bara dölja svar (och visa dem igen) och svara; kontots ägare kan inte radera andras svar.",
        "Hide replies only (and show them again) and reply; the owner cannot delete others' replies.",
    )

    def read_error(self, response: httpx.Response) -> PlatformError | None:
        """Problem details `{"title", "detail", "type", "status"}`, or `{"errors": [...]}`."""
        body = response.json()
        if not isinstance(body, dict):
            return None
        detail = str(body.get("detail") or body.get("title") or "")
        errors = body.get("errors") if isinstance(body.get("errors"), list) else []
        if not detail and errors and isinstance(errors[0], dict):
            detail = str(errors[0].get("message") or errors[0].get("detail") or "")
        return self.error_by_status(response.status_code, detail)

    def read_wait(self, response: httpx.Response) -> float | None:
        remaining = response.headers.get("x-rate-limit-remaining")
        reset = response.headers.get("x-rate-limit-reset")
        if reset is None or (response.status_code != 429 and remaining != "0"):
            return None
        try:
            return max(0.0, float(reset) - self.options.clock().timestamp()) + 1.0
        except ValueError:
            return None

    # -- fetching ------------------------------------------------------------------------------
    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        cutoff = self.cutoff(state)
        searchable = max(cutoff, self.options.clock() - SEARCH_REACH)
        with self.http.session():
            for post in self._own_posts(cutoff):
                yield self._conversation(post, searchable)

    def _own_posts(self, cutoff: datetime) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {
            "max_results": min(self.options.page_size, 100), "exclude": "retweets,replies",
            "start_time": x_time(cutoff), "tweet.fields": TWEET_FIELDS,
        }  # fmt: skip
        while True:
            body = self.http.get_json(f"users/{self.external_id}/tweets", params, require="meta")
            yield from body.get("data") or []
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return
            params = {**params, "pagination_token": token}

    def _conversation(self, post: dict[str, Any], searchable: datetime) -> FetchChunk:
        conversation = post.get("conversation_id") or post["id"]
        chunk = FetchChunk()
        chunk.items.append(self._tweet(post, conversation, {}, kind="post"))
        params: dict[str, Any] = {
            "query": f"conversation_id:{conversation}", "max_results": min(self.options.page_size, 100),
            "tweet.fields": TWEET_FIELDS, "expansions": "author_id", "user.fields": "username,name",
            "start_time": x_time(searchable),
        }  # fmt: skip
        seen: set[str] = set()
        while True:
            body = self.http.get_json("tweets/search/recent", params, require="meta")
            users = {u["id"]: u for u in (body.get("includes") or {}).get("users") or []}
            for reply in body.get("data") or []:
                item = self._tweet(reply, conversation, users, kind="comment")
                seen.add(item.external_id)
                chunk.items.append(item)
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                break
            params = {**params, "next_token": token}
        chunk.complete.append(
            CompleteListing(seen=frozenset(seen), post_external_id=conversation, created_after=searchable)
        )
        return chunk

    def _tweet(
        self, tweet: dict[str, Any], conversation: str, users: dict[str, Any], *, kind: str
    ) -> IncomingItem:
        # An edit gets a new id; the first id in the edit history names the item for good,
        # so an edit becomes a new version of the same item, never a second item.
        history = tweet.get("edit_history_tweet_ids") or [tweet["id"]]
        external_id = history[0]
        parent = conversation
        for ref in tweet.get("referenced_tweets") or []:
            if ref.get("type") == "replied_to":
                parent = ref["id"]
        user = users.get(str(tweet.get("author_id")), {})
        username = user.get("username")
        return self.item(
            external_id=external_id, kind=kind, text=tweet.get("text") or "",
            created_at=parse_time(tweet["created_at"]),
            edited_at=parse_time(tweet["created_at"]) if len(history) > 1 else None,
            parent_external_id=None if kind == "post" else parent, post_external_id=conversation,
            author_name=user.get("name") or username or ("" if kind == "comment" else self.account_name),
            author_id=tweet.get("author_id"),
            author_url=f"https://x.com/{username}" if username else None,
            permalink=f"https://x.com/{username or 'i/web'}/status/{tweet['id']}", raw=tweet,
        )  # fmt: skip

    # -- actions -------------------------------------------------------------------------------
    def check(self) -> PlatformResult:
        me = (self.http.get_json("users/me") or {}).get("data") or {}
        return PlatformResult(
            True, say(translate("Core", "Ansluten till X-kontot @%1."), me.get("username", "?"))
        )

    def _set_hidden(self, external_id: str, hidden: bool) -> bool:
        body = self.http.request_json("PUT", f"tweets/{external_id}/hidden", json={"hidden": hidden}) or {}
        return bool((body.get("data") or {}).get("hidden")) == hidden

    def hide(self, external_id: str) -> PlatformResult:
        if not self._set_hidden(external_id, True):
            raise PlatformError(translate("Core", "X svarade att svaret inte blev dolt."), "bad_response")
        return PlatformResult(True, translate("Core", "Svaret är dolt på X (det nås via ”Visa dolda svar”)."))

    def unhide(self, external_id: str) -> PlatformResult:
        if not self._set_hidden(external_id, False):
            raise PlatformError(
                translate("Core", "X svarade att svaret fortfarande är dolt."), "bad_response"
            )
        return PlatformResult(True, translate("Core", "Svaret visas igen på X."))

    def delete(self, external_id: str) -> PlatformResult:
        return PlatformResult(
            False, translate("Core", "X låter inte kontots ägare radera andras svar; använd Dölj i stället.")
        )

    def reply(self, external_id: str, text: str) -> PlatformResult:
        body = (
            self.http.request_json(
                "POST", "tweets", json={"text": text, "reply": {"in_reply_to_tweet_id": external_id}}
            )
            or {}
        )
        return PlatformResult(
            True, translate("Core", "Svaret är publicerat på X."), ref=(body.get("data") or {}).get("id")
        )
