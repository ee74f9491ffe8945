"""/hsds: the directory as Open Referral HSDS 3.0 (with HSDS 3.1-dev capacity), for other directories to read."""

from api.resources.blueprint import Blueprint

blp = Blueprint("hsds", __name__, url_prefix="/hsds", translated=False,
                description="The directory in Open Referral HSDS 3.0 (https://openreferral.org/), with capacity "
                            "as HSDS 3.1-dev service_capacity. Objects validate against the official schemas. "
                            "Requests are read as leniently as the standard's openapi.json types them: unknown "
                            "query parameters are ignored on every endpoint, an empty value is the parameter left "
                            "out, and page and per_page are clamped into range (the Page says what was served).")

from api.resources.hsds import resources  # noqa: E402,F401  (registers the views on blp)
