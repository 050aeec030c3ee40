"""TLS is always verified: a counter refuses a server whose certificate it cannot check, and
talks to it once the IT officer installs the province's own CA bundle (and only that CA)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.clitools import Cli
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _ca(cn: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[ServerProcess, Path]]:
    ca_key, ca = _ca("So TT&TT tinh (thu nghiem)")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    (tmp_path / "ca.pem").write_bytes(_pem(ca))
    (tmp_path / "server.pem").write_bytes(_pem(cert))
    (tmp_path / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    srv = ServerProcess(
        f"sqlite:///{tmp_path / 'server.db'}",
        tmp_path / "blobs",
        extra=(
            "--tls-cert",
            str(tmp_path / "server.pem"),
            "--tls-key",
            str(tmp_path / "server.key"),
        ),
    ).start()
    srv.ensure_admin()
    try:
        yield srv, tmp_path / "ca.pem"
    finally:
        srv.stop()


def test_unknown_ca_refused_until_the_province_ca_is_installed(
    tls_server: tuple[ServerProcess, Path], tmp_path: Path
) -> None:
    server, ca_pem = tls_server
    assert server.url.startswith("https://127.0.0.1:")
    cli = Cli(tmp_path / "counter")
    cli.ok(*"init --province an-giang --agency 000.00.12.H01 --counter Q01".split(),
           "--server", server.url, "--admin-user", "admin")  # fmt: skip
    it = {"MOTCUA_PASSWORD": IT_PASSWORD}

    refused = cli.run("enroll", "--user", IT_USER, env=it)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "chứng chỉ" in refused.stderr or "TLS" in refused.stderr, refused.stderr

    # a file that is not a CA bundle, or another CA, does not help
    (tmp_path / "not.pem").write_text("xin chào\n", encoding="utf-8")
    bad = cli.run("server", "ca-bundle", str(tmp_path / "not.pem"), "--user", "admin")
    assert bad.returncode == 1 and "PEM" in bad.stderr and "Traceback" not in bad.stderr
    (tmp_path / "other.pem").write_bytes(_pem(_ca("Mot CA khac")[1]))
    cli.ok("server", "ca-bundle", str(tmp_path / "other.pem"), "--user", "admin")
    assert cli.run("enroll", "--user", IT_USER, env=it).returncode != 0

    assert "1 chứng chỉ CA" in cli.ok("server", "ca-bundle", str(ca_pem), "--user", "admin")
    assert cli.json("server", "show", "--json")["ca_bundle"].endswith("ca-bundle.pem")
    enrolled = cli.run("enroll", "--user", IT_USER, env=it)
    assert enrolled.returncode == 0, enrolled.stderr
    assert cli.json("sync", "--once", "--json")["reconciled"]

    # back to the public CAs only: the counter can no longer reach this server
    cli.ok("server", "ca-bundle", "--clear", "--user", "admin")
    offline = cli.run("sync", "--once", "--retries", "0", "--backoff", "0.05")
    assert offline.returncode == 4 and "Traceback" not in offline.stderr
    actions = [e["action"] for e in cli.json("audit", "list", "--json", "--user", "admin")]
    assert actions.count("settings.ca_bundle") == 3 and "counter.enrolled" in actions
