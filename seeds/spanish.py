"""What Riverton's Spanish-speaking partners wrote of their listings in Spanish, beside the English.

A partner that serves people in Spanish gives its listings' names and descriptions in Spanish too (a few texts
stay English only, as in a real directory: their readers see the English). Spanish meetings describe themselves
in Spanish, and a recovery house whose staff speak Spanish describes itself in Spanish.
"""

from api.domain.meeting_types import meeting_types
from api.domain.vocabulary import FELLOWSHIPS, NARR_LEVELS
from api.i18n.catalogs import translations as catalog
from api.models.translations import ServiceTexts

# A template's Spanish (name, description), by its English name.
TEMPLATES = {
    "Emergency department bridge clinic": (
        "Clínica puente del servicio de urgencias",
        "Buprenorfina iniciada en urgencias a cualquier hora, con una cita de seguimiento en tres días y un "
        "acompañante de recuperación."),
    "Walk-in buprenorphine clinic": (
        "Clínica de buprenorfina sin cita",
        "Buprenorfina en el consultorio, con inicio el mismo día para quien llegue sin cita antes de las 3 de la "
        "tarde; atención primaria y consejería en el mismo edificio."),
    "Naltrexone and alcohol use treatment": (
        "Naltrexona y tratamiento del consumo de alcohol",
        "Naltrexona oral e inyectable mensual para el consumo de alcohol y de opioides, con consejería."),
    "Outpatient counselling": (
        "Consejería ambulatoria",
        "Consejería individual y en grupo sobre el consumo de sustancias, de una a tres sesiones por semana; hay "
        "grupos por la tarde."),
    "Intensive outpatient program (evenings)": (
        "Programa ambulatorio intensivo (por la tarde)",
        "Nueve horas por semana de terapia individual y en grupo en tres tardes, para poder seguir trabajando."),
    "MOUD for pregnant and parenting women": (
        "Medicamentos para opioides para mujeres embarazadas y madres",
        "Atención con buprenorfina y metadona coordinada con el control prenatal, cuidado de niños durante las "
        "citas y apoyo para madres y padres."),
    "Residential treatment": (
        "Tratamiento residencial",
        "De 28 a 90 días de tratamiento residencial, con medicamentos para opioides continuados o iniciados aquí."),
    "Peer recovery coaching": (
        "Acompañamiento de recuperación entre pares",
        "Apoyo individual de un especialista de pares certificado con experiencia vivida: metas, citas, vivienda "
        "y beneficios, a su ritmo. Todos los caminos de recuperación son bienvenidos."),
    "Recovery café drop-in": (
        "Café de recuperación, sin cita",
        "Un lugar gratuito y libre de sustancias: café, comida caliente entre semana y gente que entiende."),
    "Peer support in Spanish": (
        "Apoyo entre pares en español",
        "Acompañamiento de recuperación en español con especialistas que han vivido la recuperación."),
}
ATTENDANCE = {"in_person": "En persona", "online": "Solo en línea", "hybrid": "En persona y en línea"}
GENDERS = {"women": "mujeres", "men": "hombres"}


def template_texts(english_name: str, area: str | None) -> dict:
    """The translations of a template's listing (its area after the name, as in English), or none."""
    if english_name not in TEMPLATES:
        return {}
    name, description = TEMPLATES[english_name]
    return {"es": ServiceTexts(name=f"{name} – {area}" if area else name, description=description)}


def meeting_texts(fellowship: str, types: list[str], attendance: str) -> dict:
    """A Spanish meeting's description in Spanish (its name is the group's own, in whatever language)."""
    words = catalog("es").gettext
    labels = ", ".join(meeting_types()[code].get("es", meeting_types()[code]["en"]).lower() for code in types)
    return {"es": ServiceTexts(description=f"Reunión de {words(FELLOWSHIPS[fellowship])} ({labels}). "
                                           f"{ATTENDANCE[attendance]}. Bienvenidos los recién llegados.")}


def residence_texts(level: int, gender: str, families: bool, confidential: bool, beds: int) -> dict:
    """A recovery house's description in Spanish, as housing.py writes it in English."""
    parts = [f"Vivienda de recuperación NARR ({catalog('es').gettext(NARR_LEVELS[level])}) para "
             f"{GENDERS[gender]}, {beds} camas.",
             "Reunión de la casa cada semana; cada residente sigue el programa de recuperación que elija."]
    if families:
        parts.append("Las madres o los padres pueden vivir aquí con sus hijos.")
    if confidential:
        parts.append("La dirección es confidencial: llame para una entrevista de ingreso y la dirección.")
    return {"es": ServiceTexts(description=" ".join(parts))}
