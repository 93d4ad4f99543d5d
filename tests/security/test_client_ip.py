"""The client's address is taken from the proxy's header only when a trusted proxy sent the request."""

import pytest
from django.test import RequestFactory

from gongkai.common.net import client_ip


def request(remote: str, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.fixture
def behind_nginx(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.5", "192.168.1.0/24"]
    settings.GONGKAI_CLIENT_IP_HEADER = "X-Forwarded-For"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.GONGKAI_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.9"


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("10.0.0.5", "203.0.113.7", "203.0.113.7"),  # nginx in front
        ("10.0.0.5", "1.1.1.1, 203.0.113.7", "203.0.113.7"),  # the client forged the left part
        ("10.0.0.5", "203.0.113.7, 192.168.1.20", "203.0.113.7"),  # two proxies, both trusted
        ("10.0.0.5", "203.0.113.7:51234", "203.0.113.7"),  # with a port
        ("10.0.0.5", "2001:db8::7", "2001:db8::7"),
        ("10.0.0.5", "[2001:db8::7]:443", "2001:db8::7"),
        ("10.0.0.5", "", "10.0.0.5"),  # no header: the proxy itself
        ("10.0.0.5", "not-an-address", "10.0.0.5"),  # garbage: no guessing
        ("10.0.0.5", "192.168.1.20", "10.0.0.5"),  # only proxies: no client named, count the proxy
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # the header from an untrusted sender is ignored
    ],
)
def test_rightmost_untrusted_hop(behind_nginx, remote, forwarded, expected):
    meta = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_ip(request(remote, **meta)) == expected


def test_x_real_ip_can_be_configured(behind_nginx, settings):
    settings.GONGKAI_CLIENT_IP_HEADER = "X-Real-IP"
    req = request("10.0.0.5", HTTP_X_REAL_IP="203.0.113.8", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_ip(req) == "203.0.113.8"


def test_axes_uses_the_same_address(behind_nginx):
    from axes.helpers import get_client_ip_address

    assert get_client_ip_address(request("10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")) == "203.0.113.7"
