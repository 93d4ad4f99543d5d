from django.utils.translation import gettext_lazy as _

EVENTS = {
    "api.token.issue": _("签发接口令牌"),
    "api.token.revoke": _("吊销接口令牌"),
}
