"""The guideline's fixed vocabularies: why an item is removed, why it is registered.

Codes are stored and never change; labels are Swedish (the UI translates them), templates are
the starting text an administrator edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.messages import translate


@dataclass(frozen=True)
class RemovalReason:
    code: str
    label: str
    motivation: str  # pre-filled motivation for the register entry
    notice: str  # the public "a comment was removed because..." text
    crime: bool = False  # escalate to the nearest manager for a police report


_NOTICE = (
    "Hej! Vi har tagit bort en kommentar i den här tråden eftersom den innehöll {what}, "
    "vilket strider mot reglerna för kommunens sociala medier. Reglerna finns på "
    "vadstena.se/socialamedier. Välkommen att fortsätta samtalet i god ton!"
)

REMOVAL_REASONS: dict[str, RemovalReason] = {
    r.code: r
    for r in [
        RemovalReason("personangrepp", translate("Core", "Personangrepp eller förolämpning"),
                      "Kommentaren innehöll personangrepp.", _NOTICE.format(what="personangrepp")),
        RemovalReason("svordomar", translate("Core", "Svordomar eller obscena ord"),
                      "Kommentaren innehöll svordomar eller obscena ord.",
                      _NOTICE.format(what="svordomar eller obscena ord")),
        RemovalReason("reklam", translate("Core", "Reklam eller kommersiellt budskap"),
                      "Kommentaren innehöll reklam för produkter eller tjänster.",
                      _NOTICE.format(what="reklam")),
        RemovalReason("hets", translate("Core", "Hets mot folkgrupp"),
                      "Kommentaren kan utgöra hets mot folkgrupp.",
                      _NOTICE.format(what="uttalanden som kan utgöra hets mot folkgrupp"),
                      crime=True),
        RemovalReason("upphovsratt", translate("Core", "Intrång i upphovsrätt"),
                      "Kommentaren innehöll material som används utan upphovsrättsinnehavarens "
                      "tillstånd.", _NOTICE.format(what="upphovsrättsligt skyddat material")),
        RemovalReason("vald-porr", translate("Core", "Våldsskildring eller pornografi"),
                      "Kommentaren innehöll olaga våldsskildring eller pornografi.",
                      _NOTICE.format(what="våldsskildring eller pornografi"), crime=True),
        RemovalReason("brott", translate("Core", "Uppmaning till brott eller hot"),
                      "Kommentaren innehöll uppmaning till brott eller hot.",
                      _NOTICE.format(what="uppmaning till brott eller hot"), crime=True),
        RemovalReason("sekretess", translate("Core", "Sekretessbelagda uppgifter eller personuppgifter"),
                      "Kommentaren innehöll sekretessbelagda uppgifter eller känsliga "
                      "personuppgifter.", _NOTICE.format(what="personuppgifter som inte får "
                                                          "publiceras")),
        RemovalReason("fortal", translate("Core", "Förtal"), "Kommentaren kan utgöra förtal.",
                      _NOTICE.format(what="uppgifter som kan utgöra förtal")),
        RemovalReason("sexism", translate("Core", "Sexistiskt yttrande"),
                      "Kommentaren innehöll sexistiska yttranden.",
                      _NOTICE.format(what="sexistiska yttranden")),
        RemovalReason("trakasserier", translate("Core", "Trakasserier"), "Kommentaren innehöll trakasserier.",
                      _NOTICE.format(what="trakasserier")),
        RemovalReason("olagligt", translate("Core", "Annat som strider mot lag"),
                      "Kommentaren innehöll annat som strider mot lag.",
                      _NOTICE.format(what="innehåll som strider mot lag"), crime=True),
    ]
}  # fmt: skip


@dataclass(frozen=True)
class RegistrationCriterion:
    code: str
    label: str
    explanation: str
    needs_diarienummer: bool = False


REGISTRATION_CRITERIA: dict[str, RegistrationCriterion] = {
    c.code: c
    for c in [
        RegistrationCriterion("atgard", translate("Core", "Leder till åtgärd"), translate(
            "Core", "Något kommunen måste handlägga, ta ställning till eller besluta.")),
        RegistrationCriterion("arende", translate("Core", "Bedöms bli ett ärende"),
                              translate("Core", "Inlägget bedöms bli ett ärende i diariet.")),
        RegistrationCriterion("befintligt-arende", translate("Core", "Rör ett befintligt ärende"),
                              translate("Core", "Kan ha relevans för ett ärende som redan finns i diariet."),
                              needs_diarienummer=True),
        RegistrationCriterion("sarskilt-intresse", translate("Core", "Av särskilt intresse"),
                              translate("Core", "Inlägget anses vara av särskilt intresse.")),
        RegistrationCriterion("sekretess", translate("Core", "Innehåller sekretess"),
                              translate("Core", "Inlägget innehåller sekretessbelagda uppgifter.")),
    ]
}  # fmt: skip

# A criterion inside a sentence ("Diarieförd: leder till åtgärd …"), translatable as a whole:
# a label's str.lower() would be a plain string, Swedish in the English window.
CRITERION_IN_SENTENCE: dict[str, str] = {
    "atgard": translate("Core", "leder till åtgärd"),
    "arende": translate("Core", "bedöms bli ett ärende"),
    "befintligt-arende": translate("Core", "rör ett befintligt ärende"),
    "sarskilt-intresse": translate("Core", "av särskilt intresse"),
    "sekretess": translate("Core", "innehåller sekretess"),
}

# Shown in the register dialog: the guideline's rule for what is NOT registered.
NOT_REGISTERED_RULE = translate(
    "Core",
    "Inlägg och kommentarer av ringa eller tillfällig betydelse diarieförs inte, t.ex. en enkel "
    "fråga som får ett svar eller inlägg som ligger utanför kommunens ansvar. De gallras "
    "fortlöpande.",
)

POLITICAL_REFERRAL = (
    "Hej {name}! Tack för din fråga. Politiska frågor och diskussioner hänvisar vi till "
    "partiernas egna kanaler, där du kan ställa din fråga direkt till de förtroendevalda. "
    "Kontaktuppgifter till partierna i kommunfullmäktige finns på vadstena.se."
)
