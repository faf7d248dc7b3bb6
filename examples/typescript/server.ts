import express from 'express';

const app = express();
let inFlight = 0;

app.get('/search', (req, res) => {
  if (inFlight > 100) {
    res.set('Retry-After', '5');
    return res.status(503).json({ error: { code: 'OVERLOADED', message: 'try again soon' } });
  }
  inFlight++;
  res.on('finish', () => inFlight--);
  res.status(200).json({ results: [] });
});

app.post('/uploads', (req, res) => {
  // Flawed: 429 without Retry-After.
  res.status(429).send('too many uploads');
});

app.listen(3000);
