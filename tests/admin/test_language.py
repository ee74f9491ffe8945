"""The partner area in Spanish for a staff member who chose it (Your account), in English for one who did not, and
the sign-in page in the browser's language: pages, flash messages, form errors, the conflict screen, an import's
dry run, dates and password advice."""

import ast
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
import zxcvbn

from api.i18n import language
from api.interop.csv.importer import CsvFileError, read_csv
from api.interop.imports.cells import whole_number
from api.interop.limits import ImportLimits
from api.models.audit import AuditEntry
from api.services import accounts
from tests import factories as f
from tests.admin.conftest import csrf_token, form_post, page_text, signed_in_client

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}
LANG = re.compile(r'<html lang="(\w+)">')


def lang(answer) -> str:
    return LANG.search(page_text(answer)).group(1)


def house(organization):
    return f.service("Maple House", category="housing", org=organization,
                     capacity=[f.unit(1, 6, hours_ago=100, name="Bed – women")])


def tap(client, service, action):
    return client.post(f"/admin/services/{service.id}/quick", data={
        "csrf_token": csrf_token(client, "/admin/"), "version": service.version, "action": action,
        "unit": service.capacity[0].id})


@pytest.fixture
def spanish(admin_app, staff):
    """The editor, who chose Spanish, signed in on a browser that asks for English."""
    accounts.choose_language(staff.editor, "es")
    client = signed_in_client(admin_app, staff.editor)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    return client


@pytest.fixture
def english(admin_app, staff):
    """The org admin, who chose nothing, on a browser that asks for English."""
    client = signed_in_client(admin_app, staff.org_admin)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    return client


def test_the_sign_in_page_speaks_the_browsers_language(admin_client):
    spanish = admin_client.get("/admin/login", headers=SPANISH)
    assert lang(spanish) == "es"
    assert "Iniciar sesión" in page_text(spanish) and ">Contraseña</label>" in page_text(spanish)
    assert "¿Olvidó su contraseña?" in page_text(spanish) and "Sign in" not in page_text(spanish)

    sent_back = admin_client.get("/admin/", headers=SPANISH, follow_redirects=True)  # Flask-Login's message too
    assert "Inicie sesión para ver esta página." in page_text(sent_back)

    for asked in ({}, {"Accept-Language": "fr-FR,fr;q=0.9"}, {"Accept-Language": "es;q=0, en"}):
        english = admin_client.get("/admin/login", headers=asked)
        assert lang(english) == "en" and ">Password</label>" in page_text(english), asked


def test_a_wrong_password_is_refused_in_the_browsers_language(admin_client, staff):
    token = csrf_token(admin_client)
    answer = admin_client.post("/admin/login", headers=SPANISH, data={
        "csrf_token": token, "email": staff.editor.email, "password": "not the password"})
    with_language = page_text(answer)
    assert "no abren ninguna cuenta" in with_language and "Después de 5 intentos fallidos" in with_language


def test_choosing_spanish_on_the_account_page_changes_every_page_after(admin_app, staff, orgs):
    client = signed_in_client(admin_app, staff.editor)
    account = client.get("/admin/account")
    assert lang(account) == "en" and "Language of the partner area" in page_text(account)
    assert '<option value="es">Español</option>' in page_text(account)

    saved = form_post(client, "/admin/account", {"language": "es"}, follow_redirects=True)

    assert lang(saved) == "es" and "Guardado: el área de socios le habla en este idioma." in page_text(saved)
    home = page_text(client.get("/admin/"))
    assert f"Hola, {staff.editor.name}" in home and "Actualización rápida" in home and "Requiere atención" in home
    assert "Quick update" not in home and "Sign out" not in home
    assert accounts.StaffUser.objects.get(id=staff.editor.id).language == "es"

    back = form_post(client, "/admin/account", {"language": ""}, follow_redirects=True)  # the browser's again
    assert lang(back) == "en" and accounts.StaffUser.objects.get(id=staff.editor.id).language is None
    assert lang(client.get("/admin/", headers=SPANISH)) == "es"


def test_a_language_the_area_does_not_offer_is_refused(admin_app, staff):
    client = signed_in_client(admin_app, staff.editor)
    answer = form_post(client, "/admin/account", {"language": "fr"})
    assert answer.status_code == 422 and "Not a valid choice." in page_text(answer)
    assert accounts.StaffUser.objects.get(id=staff.editor.id).language is None
    with pytest.raises(accounts.InvalidField):
        accounts.choose_language(staff.editor, "fr")


def test_quick_update_and_its_flash_message(spanish, english, orgs):
    listing = house(orgs.a)
    page = spanish.get(f"/admin/organizations/{orgs.a.id}/quick")
    text = page_text(page)
    assert lang(page) == "es" and "Sin confirmar desde hace 4 días" in text
    assert 'aria-label="Uno más – Bed – women"' in text and "Toque para cambiar" in text
    assert "Tap to change" not in text

    done = spanish.get(tap(spanish, listing, "inc").headers["Location"])
    assert "Maple House: Un lugar libre más." in page_text(done)

    listing.reload()
    done = english.get(tap(english, listing, "inc").headers["Location"])
    assert lang(done) == "en" and "Maple House: One more place free." in page_text(done)


def test_the_conflict_screen(spanish, english, orgs):
    listing = house(orgs.a)
    tap(english, listing, "full")

    answer = tap(spanish, listing, "inc")  # over the version both loaded

    assert answer.status_code == 409
    text = page_text(answer)
    assert "Maple House cambió mientras lo tenía abierto" in text and "Conservar lo de la otra persona" in text
    assert "No se guardó nada de lo suyo. Usted pidió: <strong>Un lugar libre más</strong>." in text
    assert "Lugares disponibles ahora" in text  # the field that changed, by its Spanish name
    # When each count was confirmed, written as every other time in the area (not the stored "2026-11-20T12:00").
    assert "confirmado el 20 nov 2026, 12:00 UTC por" in text and "2026-11-20" not in text


def test_a_form_error_beside_its_field(spanish, english, orgs):
    url = f"/admin/organizations/{orgs.a.id}/locations/new"
    data = {"city": "", "country": "US", "latitude": "north", "longitude": "-94.5"}
    text = page_text(form_post(spanish, url, data))
    assert "Escriba la ciudad o el pueblo." in text  # ours
    assert "No es un número de punto flotante válido." in text  # WTForms' own, from its Spanish catalog
    assert ">Ciudad o pueblo</label>" in text and "Enter the town or city." not in text

    text = page_text(form_post(english, url, data))
    assert "Enter the town or city." in text and "Not a valid float value." in text


def test_an_import_dry_run_and_its_row_errors(admin_app, orgs, staff):
    accounts.choose_language(staff.org_admin, "es")  # the CSV import is for organisation admins
    client = signed_in_client(admin_app, staff.org_admin)
    csv = (b"id,name,category,timezone,latitude,longitude,city\n"
           b"H1,Hope House,housing,America/Chicago,north,-94.5,Riverton\n")
    url = f"/admin/organizations/{orgs.a.id}/import"
    answer = client.post(url, content_type="multipart/form-data", data={
        "csrf_token": csrf_token(client, url), "file": (io.BytesIO(csv), "listings.csv")})
    text = page_text(answer)
    assert lang(answer) == "es" and "Simulación de listings.csv" in text and "Filas con errores" in text
    assert "&#39;north&#39; no es un número en grados decimales" in text
    assert "No se guardó nada. Corrija esto en su archivo y vuelva a subirlo." in text


def test_the_import_readers_write_their_errors_in_the_language_of_the_moment():
    limits = ImportLimits(csv_rows=10_000)
    file = b"id,name,category\n" + b"".join(b"R%d,Name,housing\n" % n for n in range(10_001))
    for code, words in (("es", "El archivo tiene más de 10.000 anuncios"), ("en", "more than 10,000 listings")):
        with language.speaking(code), pytest.raises(CsvFileError) as refused:
            read_csv(file, limits)
        assert words in str(refused.value)
    with language.speaking("es"), pytest.raises(ValueError) as out_of_range:
        whole_number("120000", 0, 100_000)
    assert str(out_of_range.value) == "debe estar entre 0 y 100.000"


def test_history_as_sentences_with_dates_in_the_readers_language(spanish, english, orgs, staff):
    listing = house(orgs.a)
    AuditEntry(at=datetime(2026, 11, 24, 16, 0), actor=staff.org_admin.id, actor_name="Rosa Partner",
               organization=orgs.a.id, object_type="service", object_id=listing.id, object_name="Maple House",
               action="confirmed", changes={"status": ["temporarily_closed", "active"]}).save()
    spanish_history = page_text(spanish.get(f"/admin/services/{listing.id}/history"))
    english_history = page_text(english.get(f"/admin/services/{listing.id}/history"))
    assert "<strong>Rosa Partner</strong> confirmó que Maple House está al día" in spanish_history
    assert "24 nov 2026, 16:00 UTC" in spanish_history
    assert ">Estado</th><td>Cerrado temporalmente</td><td>→ Abierto</td>" in spanish_history
    assert "<strong>Rosa Partner</strong> confirmed Maple House as accurate" in english_history
    assert "Nov 24, 2026, 4:00\u202fPM UTC" in english_history
    assert ">Status</th><td>Temporarily closed</td><td>→ Open</td>" in english_history


def test_password_advice_in_spanish():
    with language.speaking("es"), pytest.raises(accounts.InvalidField) as weak:
        accounts.check_password_policy("password1234", "someone@example.org")
    assert weak.value.errors["form"]["password"] == [
        "Esta es una contraseña muy común. Pruebe con tres o cuatro palabras que no tengan relación entre sí."]


def test_every_warning_zxcvbn_gives_is_translated():
    # zxcvbn writes its warnings in English for gettext's global catalog; ours lists each to translate it.
    source = Path(zxcvbn.__file__).with_name("feedback.py").read_text("utf-8")
    warnings = {node.value.args[0].value for node in ast.walk(ast.parse(source)) if _is_warning(node)}
    warnings |= {value.args[0].value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Dict)
                 for key, value in zip(node.keys, node.values, strict=True)
                 if isinstance(key, ast.Constant) and key.value == "warning" and _is_gettext(value)}
    assert len(warnings) >= 10 and warnings <= set(accounts.PASSWORD_WARNINGS)


def _is_warning(node) -> bool:
    return isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "warning"
                                                for target in node.targets) and _is_gettext(node.value)


def _is_gettext(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" \
        and isinstance(node.args[0], ast.Constant)
