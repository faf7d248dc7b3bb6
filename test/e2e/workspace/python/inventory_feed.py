import requests


def fetch_inventory(base_url):
    r = requests.get(f"{base_url}/inventory")
    return r.json()
