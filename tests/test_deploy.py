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


# Kubernetes (deploy/k8s): parsed, never applied (no cluster and no image registry here) ----------------

K8S = ROOT / "deploy" / "k8s"


def _k8s() -> dict[str, dict]:
    """Every manifest under deploy/k8s by kind (one object of each kind)."""
    docs = [d for path in sorted(K8S.glob("*.yaml")) for d in yaml.safe_load_all(path.read_text()) if d]
    kinds = [d["kind"] for d in docs]
    assert len(kinds) == len(set(kinds)), kinds
    return {d["kind"]: d for d in docs}


def _container() -> dict:
    (container,) = _k8s()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return container


def test_k8s_has_the_expected_objects_with_matching_labels():
    objs = _k8s()
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"} <= set(objs)
    dep = objs["Deployment"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert objs["Service"]["spec"]["selector"].items() <= labels.items()
    ports = {p["name"]: p["containerPort"] for p in _container()["ports"]}
    assert ports == {"http": 8501}
    assert objs["Service"]["spec"]["ports"][0]["targetPort"] in ("http", 8501)
    backend = objs["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == objs["Service"]["metadata"]["name"]


def test_k8s_ingress_has_cookie_affinity_and_websocket_timeouts():
    notes = _k8s()["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    # "balanced" would move browsers to new pods on scale-up, losing their sessions.
    assert notes.get("nginx.ingress.kubernetes.io/affinity-mode", "balanced") == "persistent"
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 600, timeout


def test_k8s_probes_use_the_health_path_on_8501():
    container = _container()
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == "/_stcore/health" and get["port"] in (8501, "http"), probe


def test_k8s_runs_as_non_root_with_a_read_only_root():
    pod = _k8s()["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    sc = _container()["securityContext"]
    assert sc["allowPrivilegeEscalation"] is False and sc["readOnlyRootFilesystem"] is True
    assert sc["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"] for m in _container()["volumeMounts"]}
    assert "/tmp" in mounts  # writable scratch space on a read-only root


def test_k8s_resources_are_set():
    res = _container()["resources"]
    for part in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(res[part]), part
    mib = {part: _mebibytes(res[part]["memory"]) for part in ("requests", "limits")}
    # bench/load.py: ~135 MiB after start-up plus ~1 MiB per session; a pod must fit a few hundred sessions.
    assert 256 <= mib["requests"] <= mib["limits"] <= 2048, mib


def _mebibytes(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    for suffix, factor in units.items():
        if quantity.endswith(suffix):
            return float(quantity[: -len(suffix)]) * factor
    return float(quantity) / 2**20


def test_k8s_hpa_scales_the_deployment_on_cpu():
    objs = _k8s()
    hpa = objs["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    ref = hpa["spec"]["scaleTargetRef"]
    assert (ref["kind"], ref["name"]) == ("Deployment", objs["Deployment"]["metadata"]["name"])
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert 0 < metric["resource"]["target"]["averageUtilization"] <= 100


def test_k8s_env_repeats_the_hardened_streamlit_config():
    """Each STREAMLIT_* variable is a setting of .streamlit/config.toml with the same value, and the
    hardening settings are all there."""
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    flat = {_env_name(section, key): value for section, values in cfg.items() if isinstance(values, dict)
            for key, value in values.items() if not isinstance(value, dict)}
    env = {e["name"]: e["value"] for e in _container()["env"] if e["name"].startswith("STREAMLIT_")}
    for name, value in env.items():
        assert name in flat, f"{name} is not in .streamlit/config.toml"
        want = flat[name]
        assert value == (str(want).lower() if isinstance(want, bool) else str(want)), name
    for needed in ("STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION", "STREAMLIT_SERVER_ENABLE_CORS",
                   "STREAMLIT_SERVER_MAX_UPLOAD_SIZE", "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL",
                   "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"):
        assert needed in env, needed


def _env_name(section: str, key: str) -> str:
    """Streamlit's variable for a config option: server.enableCORS -> STREAMLIT_SERVER_ENABLE_CORS."""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", key)
    return f"STREAMLIT_{section}_{words}".upper()
