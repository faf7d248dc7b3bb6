"""A small API client with one flawed and one careful call, to try Error Code Insight on."""
import random
import time
from http import HTTPStatus

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

API = "https://api.example.com/v1"


def fetch_invoice(invoice_id: str) -> dict:
    # Flawed: a 429 or 503 is treated as final.
    r = requests.get(f"{API}/invoices/{invoice_id}", timeout=10)
    if r.status_code == 429:
        raise RuntimeError("rate limited")
    if r.status_code == HTTPStatus.SERVICE_UNAVAILABLE:
        raise RuntimeError("billing is down")
    r.raise_for_status()
    return r.json()


def list_invoices() -> list:
    # Careful: urllib3 retries 429/503 with backoff and honours Retry-After.
    session = requests.Session()
    retry = Retry(total=4, backoff_factor=0.5, status_forcelist=[429, 500, 502, 503, 504],
                  respect_retry_after_header=True)
    session.mount("https://", HTTPAdapter(max_retries=retry))
    r = session.get(f"{API}/invoices", timeout=10)
    r.raise_for_status()
    return r.json()


def poll_export(job_id: str) -> dict:
    # Flawed: retries forever, with a fixed delay, and ignores Retry-After.
    while True:
        r = requests.get(f"{API}/exports/{job_id}", timeout=10)
        if r.status_code == 503:
            time.sleep(1)
            continue
        return r.json()


def jitter(attempt: int) -> float:
    return random.uniform(0, min(30, 0.5 * 2 ** attempt))
