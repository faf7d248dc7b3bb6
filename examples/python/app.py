"""A FastAPI server that throttles clients."""
from fastapi import FastAPI, HTTPException, Response

app = FastAPI()
BUCKET = {"tokens": 10}


@app.get("/reports/{report_id}")
def get_report(report_id: str, response: Response):
    if BUCKET["tokens"] <= 0:
        # Flawed: a 429 without Retry-After leaves clients guessing.
        raise HTTPException(status_code=429, detail="slow down")
    BUCKET["tokens"] -= 1
    return {"id": report_id}


@app.get("/health")
def health(response: Response):
    response.headers["Retry-After"] = "30"
    response.status_code = 503
    return {"status": "maintenance"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, port=8000)
