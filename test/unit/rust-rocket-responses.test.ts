import { spotCases } from '../fixtures/spotting/cases';

/**
 * Rocket sends a status wherever a handler or a guard answers with one: the `Status` a route returns (its last
 * expression or a `return`), `status::Custom(Status::BadRequest, body)`, a request guard's `Outcome::Error((Status::X, e))`,
 * and the status responders of `rocket::response::status` (`status::NotFound(body)` is 404, `status::NoContent` 204).
 * A `Status` compared is a check; one a helper outside a route returns is a value; a responder named as a type is no site.
 */
describe('spotting: statuses a Rocket handler answers with', () => {
  spotCases('rust', [
    ['a status a route returns', 'use rocket::http::Status;\n\n#[get("/x")]\nfn limited() -> Status {\n    Status::TooManyRequests\n}\n', ['429 server-sets']],
    [
      'a status returned early from a route',
      'use rocket::http::Status;\n\n#[get("/y")]\nfn busy(down: bool) -> Status {\n    if down {\n        return Status::ServiceUnavailable;\n    }\n    Status::Ok\n}\n',
      ['503 server-sets', '200 server-sets'],
    ],
    ['a custom responder', 'use rocket::http::Status;\nuse rocket::response::status;\n\nfn custom() -> status::Custom<&\'static str> {\n    status::Custom(Status::BadRequest, "bad")\n}\n', ['400 server-sets']],
    [
      "a request guard's failure",
      'use rocket::http::Status;\nuse rocket::request::{FromRequest, Outcome, Request};\n\nstruct Token;\n#[rocket::async_trait]\nimpl<\'r> FromRequest<\'r> for Token {\n    type Error = ();\n    async fn from_request(req: &\'r Request<\'_>) -> Outcome<Self, ()> {\n        Outcome::Error((Status::Unauthorized, ()))\n    }\n}\n',
      ['401 server-sets'],
    ],
    [
      'status responders, not the types they are named as',
      'use rocket::response::status;\n\n#[post("/items")]\nfn create() -> status::Created<&\'static str> {\n    status::Created::new("/items/1")\n}\n#[get("/missing")]\nfn missing() -> status::NotFound<&\'static str> {\n    status::NotFound("nope")\n}\n#[delete("/items")]\nfn remove() -> status::NoContent {\n    status::NoContent\n}\n',
      ['201 server-sets', '404 server-sets', '204 server-sets'],
    ],
    ['a status compared, and one a helper returns', 'use rocket::http::Status;\n\nfn check(s: Status) -> bool {\n    s == Status::ServiceUnavailable\n}\nfn helper() -> Status {\n    Status::NotFound\n}\n', ['503 client-check', '404 constant']],
    ['decoy: a module called status in a file without Rocket', 'mod status { pub struct NotFound; }\nfn f() -> status::NotFound {\n    status::NotFound\n}\n', []],
  ]);
});
