"""Statistics on the team database, each person through their own PostgreSQL login: the
kommunikationschef reads every account's figures (the temporary watched-day calendar needs no
privilege beyond a login), an administrator their own accounts, a registrator is refused, and
reading changes nothing."""

from __future__ import annotations

import pytest

from app.core.errors import Forbidden
from app.models.db import open_database
from app.services.accounts.accounts import AccountService
from app.services.accounts.administrators import AdministratorRegister
from app.services.records.audit import AuditService
from app.services.stats.figures import StatisticsService
from tests.helpers.workflow import make_item

pytestmark = pytest.mark.postgres


def test_each_role_sees_what_it_may(pg_db):
    s = pg_db.sessions
    make_item(s, "Hur söker jag bygglov?", account="fb")
    make_item(s, "Tack!", account="yt")
    AdministratorRegister(s).add("st_chef", "Cecilia Chef", roles=("forvaltningschef",))
    people = []

    def person(who: str):
        db = open_database(pg_db.engine.url.set(username=who).render_as_string(hide_password=False))
        people.append(db)
        return db

    try:
        chef = person("st_chef")
        AdministratorRegister(chef.sessions).add("st_kim", "Kim K", roles=("kommunikationschef",))
        AdministratorRegister(chef.sessions).add("st_anna", "Anna Ek", roles=("administrator",))
        AdministratorRegister(chef.sessions).add("st_rut", "Rut R", roles=("registrator",))
        AccountService(chef.sessions).assign("fb", "st_anna")
        kim = StatisticsService(person("st_kim").sessions).figures()
        assert [a.key for a in kim.accounts] == ["fb", "yt"] and kim.administrators is not None
        assert sum(a.items for a in kim.accounts) == 2
        anna = StatisticsService(person("st_anna").sessions).figures()
        assert [a.key for a in anna.accounts] == ["fb"] and anna.administrators is None
        with pytest.raises(Forbidden):
            StatisticsService(person("st_rut").sessions).figures()
        assert AuditService(s).verify().intact
    finally:
        for db in people:
            db.dispose()
