"""The GitHub Actions workflows are valid and do what the README promises, checked offline.

check-jsonschema carries GitHub's workflow schema with it; the proxy variables point
at a closed port, so a validator that tried the network would fail here, not pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    command += ["vendor.github-workflows", *map(str, paths)]
    env = {**os.environ, **NO_NETWORK}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def workflow(name: str) -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1), hence the lookups by True below
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_the_projects_workflows_are_valid():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["deploy.yml", "test.yml"]
    done = validate(*files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_invalid_workflow_fails_the_check(tmp_path):
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "test.yml").read_text(encoding="utf-8")
    # a typo GitHub rejects: a job without runs-on
    broken.write_text(text.replace("runs-on:", "runs_on:"), encoding="utf-8")
    done = validate(broken)
    assert done.returncode != 0
    assert "broken.yml" in done.stdout + done.stderr


def test_the_test_workflow_runs_make_test_on_pushes_and_pull_requests():
    flow = workflow("test.yml")
    assert set(flow[True]) == {"push", "pull_request"}
    assert "make test" in [step.get("run") for step in steps(flow)]


def test_the_deploy_workflow_publishes_with_the_official_pages_actions():
    flow = workflow("deploy.yml")
    uses = [step["uses"].split("@")[0] for step in steps(flow) if "uses" in step]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}" in uses
    build = next(step for step in steps(flow) if step.get("run") == "make docs")
    # the address comes from the Pages configuration, not from a hand-kept setting
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"]["OFFLINE_ZIP"].endswith("-offline.zip")
    runs = [step.get("run") for step in steps(flow)]
    assert runs.index("make offline") < runs.index("make docs")  # the zip exists before the link
