"""The plugin's options in mkdocs.yml (all optional)."""

from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LrsEndpoint(c.BaseConfigOption):
    """An xAPI endpoint: an absolute http(s) URL with no user name, password, query or fragment (the built
    site is public: a credential written here would be everyone's; each learner's comes from their link)."""

    def run_validation(self, value):
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise c.ValidationError(f"expected the address of an xAPI endpoint, such as "
                                    f"https://lrs.example.com/xAPI/, got {value!r}")
        value = value.strip()
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  (a bad port raises here)
        except ValueError as exc:
            raise c.ValidationError(f"{value!r} is not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise c.ValidationError(f"{value!r} is not an absolute http(s) URL: write the LRS's xAPI endpoint "
                                    "in full, such as https://lrs.example.com/xAPI/")
        if parts.username is not None or parts.password is not None:
            raise c.ValidationError("the xAPI endpoint must not carry a user name or password: the built site is "
                                    "public, so everyone could read it. Each learner signs in with the personal "
                                    "link from `curriculum assign --lrs-auth`.")
        if parts.query or parts.fragment or "?" in value or "#" in value:
            raise c.ValidationError(f"{value!r}: an xAPI endpoint has no query (?) or fragment (#)")
        return value


class TrackingConfig(Config):
    xapi = LrsEndpoint()
    """The LRS's xAPI endpoint (https://lrs.example.com/xAPI/). Absent: nothing is tracked or sent."""


class SignatoryConfig(Config):
    name = c.Type(str, default="")
    """The signatory's name, printed under the signature line of every certificate."""
    title = c.Type(str, default="")
    """Their job title, printed under the name."""


class CertificateConfig(Config):
    logo = c.Optional(c.Type(str))
    """An image in the docs folder (a path relative to it, e.g. `assets/logo.svg`), shown on the certificate."""
    signatory = c.SubConfig(SignatoryConfig)


class CurriculumConfig(Config):
    curriculum = c.Type(str, default="curriculum.yml")
    """The curriculum file, relative to mkdocs.yml."""
    scorm = c.Type(bool, default=False)
    """Also write each role's SCORM 1.2 package into the site's `downloads/` folder."""
    tracking = c.SubConfig(TrackingConfig)
    """`tracking: {xapi: URL}`: send what signed-in learners do to that Learning Record Store (see xapi.py)."""
    certificate = c.SubConfig(CertificateConfig)
    """What the certificate shows besides the learner's own data: an organisation logo and a signatory."""
    trainer_tab = c.Type(bool, default=False)
    """`true`: the trainer's view is a tab in every page's navigation (by default it is reached from the
    catalogue and from `/modules/`, and stays out of the learners' way)."""
