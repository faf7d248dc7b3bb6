"""Billing API client used by the Error Code Insight end-to-end tests."""
import requests

BASE_URL = "https://billing.example.test"


def fetch_invoice(session: requests.Session, invoice_id: str) -> dict:
    r = session.get(f"{BASE_URL}/invoices/{invoice_id}", timeout=10)
    if r.status_code == 429:
        raise RuntimeError("billing API rate limited the request")
    r.raise_for_status()
    return r.json()


def charge(session: requests.Session, payload: dict) -> dict:
    r = session.post(f"{BASE_URL}/charges", json=payload, timeout=10)
    if r.status_code == 402:
        raise ValueError("card declined")
    return r.json()
