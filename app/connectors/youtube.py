"""YouTube Data API v3: every comment thread on the channel and its videos (published, held
for review and likely spam), all replies; removal is `comments.setModerationStatus` with
`rejected`. A channel owner cannot delete others' comments, and a rejected comment can no
longer be listed or published again — so the evidence is saved first (services/remove.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from app.connectors.common import CompleteListing, FetchChunk, PlatformConnector, parse_time
from app.connectors.oauth import OAuthSpec
from app.core.connector import Capabilities, PlatformResult
from app.core.errors import PlatformError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

YOUTUBE_BASE = "https://www.googleapis.com/youtube/{version}"
# One scope covers reading the channel's comments, rejecting and replying.
YOUTUBE_SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
GOOGLE_OAUTH = OAuthSpec(
    auth_url="https://accounts.google.com/o/oauth2/v2/auth",
    token_url="https://oauth2.googleapis.com/token",
    scopes=(YOUTUBE_SCOPE,),
    needed={"hide": (YOUTUBE_SCOPE,), "reply": (YOUTUBE_SCOPE,)},
    # offline: a refresh token; consent: Google repeats it at every sign-in, not only the first.
    extra={"access_type": "offline", "prompt": "consent"},
    console="https://console.cloud.google.com/apis/credentials",
)
MODERATION_STATUSES = ("published", "heldForReview", "likelySpam")
# The daily quota resets at midnight Pacific Time.
QUOTA_ZONE = ZoneInfo("America/Los_Angeles")


def seconds_to_quota_reset(now: datetime) -> float:
    local = now.astimezone(QUOTA_ZONE)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds()


class YouTubeConnector(PlatformConnector):
    platform = "youtube"
    platform_label = "YouTube"
    capabilities = Capabilities(can_hide=True, can_unhide=False, can_delete=False, can_reply=True)
    default_base_url = YOUTUBE_BASE
    default_api_version = "v3"
    oauth = GOOGLE_OAUTH
    capability_note = (
        "Avvisa (dölja för gott) och svara; kanalens ägare kan inte radera andras kommentarer.",
        "Reject (hide for good) and reply; the channel owner cannot delete others' comments.",
    )

    def read_error(self, response: httpx.Response) -> PlatformError | None:
        """`{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`."""
        error = response.json().get("error")
        if not isinstance(error, dict):
            return None
        reasons = {e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)}
        text = str(error.get("message") or "").strip()
        if reasons & {"quotaExceeded", "dailyLimitExceeded"}:
            wait = seconds_to_quota_reset(self.options.clock())
            return PlatformError(
                say(translate("Core", "YouTube-kvoten för %1 är slut för i dag. Den nollställs vid midnatt "
                    "amerikansk västkusttid (kl. 09.00 svensk tid); Granska försöker igen då."), self.who),
                "rate_limit", wait,
            )  # fmt: skip
        if reasons & {"rateLimitExceeded", "userRateLimitExceeded"}:
            return self.error_by_status(429, text)
        if reasons & {"authError", "invalidCredentials"}:
            return self.token_error()
        if reasons & {"commentNotFound", "videoNotFound"}:
            return self.error_by_status(404, text)
        return self.error_by_status(response.status_code, text)

    # -- fetching ------------------------------------------------------------------------------
    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        cutoff = self.cutoff(state)
        top_level: set[str] = set()
        with self.http.session():
            for status in MODERATION_STATUSES:
                for threads in self._thread_pages(status, cutoff):
                    chunk = FetchChunk()
                    for thread in threads:
                        top_level.add(thread["snippet"]["topLevelComment"]["id"])
                        self._thread(thread, chunk)
                    yield chunk
        # Every top-level comment written since the cutoff that still exists was listed.
        yield FetchChunk(
            complete=[CompleteListing(seen=frozenset(top_level), created_after=cutoff, top_level=True)]
        )

    def _thread_pages(self, status: str, cutoff: datetime) -> Iterator[list[dict[str, Any]]]:
        params: dict[str, Any] = {
            "part": "snippet,replies", "allThreadsRelatedToChannelId": self.external_id,
            "maxResults": min(self.options.page_size, 100), "order": "time",
            "textFormat": "plainText", "moderationStatus": status,
        }  # fmt: skip
        while True:
            body = self.http.get_json("commentThreads", params, require="items")
            threads = []
            reached_cutoff = False
            for thread in body.get("items") or []:
                published = parse_time(thread["snippet"]["topLevelComment"]["snippet"]["publishedAt"])
                if published is not None and published < cutoff:
                    reached_cutoff = True  # ordered by time, newest first
                    break
                threads.append(thread)
            yield threads
            token = body.get("nextPageToken")
            if reached_cutoff or not token:
                return
            params = {**params, "pageToken": token}

    def _thread(self, thread: dict[str, Any], chunk: FetchChunk) -> None:
        snippet = thread["snippet"]
        video = snippet.get("videoId") or snippet.get("channelId") or self.external_id
        top = snippet["topLevelComment"]
        chunk.items.append(self._comment(top, parent=video, video=video))
        embedded = (thread.get("replies") or {}).get("comments") or []
        replies = embedded
        if int(snippet.get("totalReplyCount") or 0) > len(embedded):
            replies = list(self._all_replies(top["id"]))
        seen = set()
        for reply in replies:
            seen.add(reply["id"])
            chunk.items.append(self._comment(reply, parent=top["id"], video=video))
        chunk.complete.append(CompleteListing(seen=frozenset(seen), parent_external_id=top["id"]))

    def _all_replies(self, parent_id: str) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {
            "part": "snippet",
            "parentId": parent_id,
            "textFormat": "plainText",
            "maxResults": min(self.options.page_size, 100),
        }
        while True:
            body = self.http.get_json("comments", params, require="items")
            yield from body.get("items") or []
            token = body.get("nextPageToken")
            if not token:
                return
            params = {**params, "pageToken": token}

    def _comment(self, comment: dict[str, Any], *, parent: str, video: str) -> IncomingItem:
        s = comment["snippet"]
        published = parse_time(s["publishedAt"])
        updated = parse_time(s.get("updatedAt"))
        author_id = (s.get("authorChannelId") or {}).get("value")
        # textOriginal is only guaranteed to the author; textDisplay in plainText is what shows.
        text = s.get("textOriginal") if s.get("textOriginal") is not None else s.get("textDisplay", "")
        return self.item(
            external_id=comment["id"], kind="comment", text=text or "", created_at=published,
            edited_at=updated if updated and updated != published else None,
            parent_external_id=parent, post_external_id=video,
            author_name=s.get("authorDisplayName") or "", author_id=author_id,
            author_url=s.get("authorChannelUrl"),
            permalink=f"https://www.youtube.com/watch?v={video}&lc={comment['id']}",
            raw=comment,
        )  # fmt: skip

    # -- actions -------------------------------------------------------------------------------
    def check(self) -> PlatformResult:
        body = self.http.get_json("channels", {"part": "snippet", "id": self.external_id}) or {}
        items = body.get("items") or []
        if not items:
            raise PlatformError(
                say(translate("Core", "YouTube hittar ingen kanal med id %1."), self.external_id), "not_found"
            )
        return PlatformResult(
            True,
            say(translate("Core", "Ansluten till YouTube-kanalen %1."), items[0]["snippet"].get("title", "")),
        )

    def hide(self, external_id: str) -> PlatformResult:
        """Reject: the comment and its replies disappear from the channel for good."""
        self.http.request(
            "POST", "comments/setModerationStatus", params={"id": external_id, "moderationStatus": "rejected"}
        )
        return PlatformResult(
            True, translate("Core", "Kommentaren är avvisad på YouTube och syns inte längre.")
        )

    def unhide(self, external_id: str) -> PlatformResult:
        return PlatformResult(
            False, translate("Core", "YouTube låter inte en avvisad kommentar publiceras igen.")
        )

    def delete(self, external_id: str) -> PlatformResult:
        return PlatformResult(
            False, translate("Core", "YouTube låter inte kanalens ägare radera andras kommentarer; använd "
                "Dölj (avvisa) i stället."),
        )  # fmt: skip

    def reply(self, external_id: str, text: str) -> PlatformResult:
        body = (
            self.http.request_json(
                "POST",
                "comments",
                params={"part": "snippet"},
                json={"snippet": {"parentId": external_id, "textOriginal": text}},
            )
            or {}
        )
        return PlatformResult(True, translate("Core", "Svaret är publicerat på YouTube."), ref=body.get("id"))
