"""LinkedIn Community Management API (versioned `/rest` endpoints): the organization's recent
posts, the comments on each (`socialActions/{urn}/comments`, start / count paging) and the
comments on those comments; delete and reply. LinkedIn has no "hide"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx

from app.connectors.common import CompleteListing, FetchChunk, PlatformConnector, from_epoch_ms
from app.connectors.oauth import OAuthSpec
from app.core.connector import Capabilities, PlatformResult
from app.core.errors import PlatformError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

LINKEDIN_BASE = "https://api.linkedin.com/rest"
# Every /rest call names the API version (YYYYMM); LinkedIn sunsets versions after a year.
LINKEDIN_VERSION = "202505"
RESTLI_PROTOCOL = "2.0.0"
LINKEDIN_OAUTH = OAuthSpec(
    auth_url="https://www.linkedin.com/oauth/v2/authorization",
    token_url="https://www.linkedin.com/oauth/v2/accessToken",
    scopes=("r_organization_social_feed", "w_organization_social_feed", "r_organization_admin"),
    needed={"delete": ("w_organization_social_feed",), "reply": ("w_organization_social_feed",)},
    console="https://www.linkedin.com/developers/apps",
)
COMMENT_URN = re.compile(r"^urn:li:comment:\((?P<target>urn:li:[A-Za-z]+:[^,]+),(?P<id>[^)]+)\)$")


def urn_path(urn: str) -> str:
    return quote(urn, safe="")


def organization_urn(value: str) -> str:
    return value if value.startswith("urn:li:") else f"urn:li:organization:{value}"


class LinkedInConnector(PlatformConnector):
    platform = "linkedin"
    platform_label = "LinkedIn"
    capabilities = Capabilities(can_hide=False, can_unhide=False, can_delete=True, can_reply=True)
    default_base_url = LINKEDIN_BASE
    default_api_version = LINKEDIN_VERSION  # sent as the LinkedIn-Version header
    oauth = LINKEDIN_OAUTH
    capability_note = (
        "Radera kommentarer på organisationens egna inlägg där LinkedIn tillåter det, och svara; "
        "kan inte dölja.",
        "Delete comments on the organisation's own posts where LinkedIn allows it, and reply; cannot hide.",
    )

    def headers(self, secret: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {secret}",
            "LinkedIn-Version": self.api_version,
            "X-Restli-Protocol-Version": RESTLI_PROTOCOL,
            "Accept": "application/json",
        }

    @property
    def organization(self) -> str:
        return organization_urn(self.external_id)

    def read_error(self, response: httpx.Response) -> PlatformError | None:
        """`{"status", "serviceErrorCode", "code", "message"}`."""
        body = response.json()
        if not isinstance(body, dict):
            return None
        code = str(body.get("code") or "")
        text = str(body.get("message") or "")
        status = response.status_code
        if status == 401:
            return self.token_error(expired="EXPIRED" in code or "expired" in text.lower())
        if status == 426 or code == "NONEXISTENT_VERSION":
            return PlatformError(
                say(translate("Core", "LinkedIn stöder inte längre API-version %1 (%2); ange en nyare med "
                    "granska accounts edit --api-version."), self.api_version, text), "bad_response",
            )  # fmt: skip
        return self.error_by_status(status, text)

    # -- fetching ------------------------------------------------------------------------------
    def _elements(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """start / count paging until `paging.total` (or a short page) says it is the end."""
        count = min(self.options.page_size, 100)
        start = 0
        while True:
            body = self.http.get_json(path, {**params, "start": start, "count": count}, require="elements")
            elements = body.get("elements") or []
            yield from elements
            total = (body.get("paging") or {}).get("total")
            start += len(elements)
            if (
                not elements
                or (total is not None and start >= int(total))
                or (total is None and len(elements) < count)
            ):
                return

    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        cutoff_ms = int(self.cutoff(state).timestamp() * 1000)
        with self.http.session():
            posts = self._elements("posts", {"q": "author", "author": self.organization, "sortBy": "CREATED"})
            for post in posts:
                if int(post.get("createdAt") or 0) < cutoff_ms:
                    return  # newest first: the rest is older
                yield self._thread(post)

    def _thread(self, post: dict[str, Any]) -> FetchChunk:
        urn = post["id"]
        chunk = FetchChunk()
        chunk.items.append(self.item(
            external_id=urn, kind="post", text=post.get("commentary") or "",
            created_at=from_epoch_ms(post.get("createdAt")), post_external_id=urn,
            author_name=self.account_name, author_id=post.get("author"),
            permalink=f"https://www.linkedin.com/feed/update/{urn}/", raw=post,
        ))  # fmt: skip
        seen: set[str] = set()
        pending = [(urn, urn)]  # (object whose comments to list, its urn as a parent)
        while pending:
            target, parent = pending.pop(0)
            for comment in self._elements(f"socialActions/{urn_path(target)}/comments", {}):
                item = self._comment(comment, parent, urn)
                seen.add(item.external_id)
                chunk.items.append(item)
                summary = comment.get("commentsSummary") or {}
                if int(summary.get("aggregatedTotalComments") or summary.get("totalFirstLevelComments") or 0):
                    pending.append((item.external_id, item.external_id))
        chunk.complete.append(CompleteListing(seen=frozenset(seen), post_external_id=urn))
        return chunk

    def _comment(self, comment: dict[str, Any], parent: str, post_urn: str) -> IncomingItem:
        urn = (
            comment.get("commentUrn") or comment.get("$URN") or f"urn:li:comment:({post_urn},{comment['id']})"
        )
        created = from_epoch_ms((comment.get("created") or {}).get("time"))
        modified = from_epoch_ms((comment.get("lastModified") or {}).get("time"))
        actor = comment.get("actor") or (comment.get("created") or {}).get("actor")
        return self.item(
            external_id=urn, kind="comment", text=(comment.get("message") or {}).get("text") or "",
            created_at=created, edited_at=modified if modified and modified != created else None,
            parent_external_id=comment.get("parentComment") or parent, post_external_id=post_urn,
            author_name=actor or "", author_id=actor,
            permalink=f"https://www.linkedin.com/feed/update/{post_urn}/", raw=comment,
        )  # fmt: skip

    # -- actions -------------------------------------------------------------------------------
    def check(self) -> PlatformResult:
        org_id = self.organization.rsplit(":", 1)[-1]
        org = self.http.get_json(f"organizations/{org_id}") or {}
        return PlatformResult(
            True, say(translate("Core", "Ansluten till LinkedIn-sidan %1."), org.get("localizedName", org_id))
        )

    def delete(self, external_id: str) -> PlatformResult:
        match = COMMENT_URN.match(external_id)
        if not match:
            raise PlatformError(
                say(translate("Core", "Ogiltig LinkedIn-kommentar: %1"), repr(external_id)), "bad_response"
            )
        self.http.request(
            "DELETE", f"socialActions/{urn_path(match['target'])}/comments/{quote(match['id'], safe='')}",
            params={"actor": self.organization},
        )  # fmt: skip
        return PlatformResult(True, translate("Core", "Kommentaren är raderad på LinkedIn."))

    def reply(self, external_id: str, text: str) -> PlatformResult:
        match = COMMENT_URN.match(external_id)
        target = match["target"] if match else external_id
        body: dict[str, Any] = {"actor": self.organization, "object": target, "message": {"text": text}}
        if match:
            body["parentComment"] = external_id
        response = self.http.request("POST", f"socialActions/{urn_path(external_id)}/comments", json=body)
        ref = response.headers.get("x-restli-id")
        return PlatformResult(True, translate("Core", "Svaret är publicerat på LinkedIn."), ref=ref)
