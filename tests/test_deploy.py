"""Deployment files, checked statically (no Docker engine runs on the CI machines)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n\s*", " ", text)
    return [tuple(line.split(None, 1)) for line in joined.splitlines() if line.strip() and not line.startswith("#")]


def test_dockerfile_runs_as_non_root_with_a_health_check():
    ins = _instructions((ROOT / "Dockerfile").read_text())
    kinds = [k for k, _ in ins]
    assert kinds[0] == "FROM" and "slim" in ins[0][1]
    users = [v for k, v in ins if k == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert kinds.index("USER") < kinds.index("CMD")
    health = next(v for k, v in ins if k == "HEALTHCHECK")
    assert "/_stcore/health" in health
    cmd = next(v for k, v in ins if k == "CMD")
    assert '"streamlit", "run", "app.py"' in cmd and "--server.headless=true" in cmd
    installs = " ".join(v for k, v in ins if k == "RUN")
    assert "requirements.txt" in installs and "requirements-dev" not in installs


def test_dockerfile_copies_everything_the_app_reads():
    text = (ROOT / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY (?:--\S+ )*(\S+)", text, re.M))
    for needed in ("app.py", "bodymap", "data", "requirements.txt"):
        assert needed in copied, needed
    for name in copied:
        assert (ROOT / name).exists(), f"Dockerfile copies {name}, which does not exist"


def test_nginx_has_affinity_and_websocket_upgrade():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream bodymap \{(.*?)\}", conf, re.S).group(1)
    assert "ip_hash;" in upstream or "hash $cookie" in upstream
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_http_version 1.1;" in conf


def test_compose_runs_several_replicas_behind_the_proxy():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    assert compose["services"]["app"]["deploy"]["replicas"] >= 2
    assert "app" in compose["services"]["proxy"]["depends_on"]


def test_streamlit_config_is_hardened():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    server = cfg["server"]
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True
    assert server["maxUploadSize"] <= 1
    assert 0 < server["disconnectedSessionTTL"] <= 600
    assert cfg.get("client", {}).get("showErrorDetails") in ("none", False)
