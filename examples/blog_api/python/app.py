"""The same blog API in Python: FastAPI + SQLAlchemy 1.4, for the side-by-side load test
(bench/blog_api_load). It serves the endpoints the load test drives, on the tables the C++
server created, with the same JSON:

  POST /auth/login, GET /posts (page, per_page; authors and tags eagerly loaded),
  GET /posts/{id} (author, tags, comments with their authors), POST /posts/{id}/comments.

Run: DATABASE_URL=postgresql://... /usr/bin/python3 -m uvicorn app:app --workers 2
"""
import datetime
import hashlib
import os
import secrets

import nacl.exceptions
import nacl.pwhash
from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, constr
from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, BigInteger, String, Table, Text,
                        create_engine, func, select)
from sqlalchemy.orm import declarative_base, joinedload, relationship, selectinload, sessionmaker

engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg2://"),
                       pool_size=int(os.environ.get("POOL_SIZE", "8")), future=True)
SessionLocal = sessionmaker(bind=engine, future=True, expire_on_commit=False)
Base = declarative_base()

post_tags = Table("post_tags", Base.metadata,
                  Column("post_id", BigInteger, ForeignKey("posts.id"), primary_key=True),
                  Column("tag_id", BigInteger, ForeignKey("tags.id"), primary_key=True))


class User(Base):
    __tablename__ = "users"
    id = Column(BigInteger, primary_key=True)
    username = Column(String(50), nullable=False, unique=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    is_active = Column(Boolean, nullable=False)
    created_at = Column(DateTime, nullable=False)


class Post(Base):
    __tablename__ = "posts"
    id = Column(BigInteger, primary_key=True)
    author_id = Column(BigInteger, ForeignKey("users.id"), nullable=False)
    title = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    published = Column(Boolean, nullable=False)
    created_at = Column(DateTime, nullable=False)
    updated_at = Column(DateTime, nullable=False)
    author = relationship(User)
    tags = relationship("Tag", secondary=post_tags)
    comments = relationship("Comment", order_by="Comment.id")


class Comment(Base):
    __tablename__ = "comments"
    id = Column(BigInteger, primary_key=True)
    post_id = Column(BigInteger, ForeignKey("posts.id"), nullable=False)
    author_id = Column(BigInteger, ForeignKey("users.id"), nullable=False)
    body = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)
    author = relationship(User)


class Tag(Base):
    __tablename__ = "tags"
    id = Column(BigInteger, primary_key=True)
    name = Column(String(40), nullable=False, unique=True)


class AuthToken(Base):
    __tablename__ = "auth_tokens"
    id = Column(BigInteger, primary_key=True)
    user_id = Column(BigInteger, ForeignKey("users.id"), nullable=False)
    digest = Column(String(64), nullable=False, unique=True)
    expires_at = Column(DateTime, nullable=False)


app = FastAPI()


def session():
    with SessionLocal() as s:
        yield s


def iso(t):
    return t.isoformat() + "Z"


def public_user(u):
    return {"id": u.id, "username": u.username}


def comment_json(c):
    return {"id": c.id, "post_id": c.post_id, "body": c.body, "author": public_user(c.author),
            "created_at": iso(c.created_at)}


def post_json(p, with_comments):
    out = {"id": p.id, "title": p.title, "body": p.body, "published": p.published,
           "author": public_user(p.author), "tags": [t.name for t in p.tags],
           "created_at": iso(p.created_at), "updated_at": iso(p.updated_at)}
    if with_comments:
        out["comments"] = [comment_json(c) for c in p.comments]
    return out


def digest(token):
    return hashlib.blake2b(token.encode(), digest_size=32).hexdigest()


def caller(s, authorization):
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "this needs an Authorization: Bearer <token> header")
    user = s.execute(select(User).join(AuthToken, AuthToken.user_id == User.id)
                     .where(AuthToken.digest == digest(authorization[7:]),
                            AuthToken.expires_at > datetime.datetime.utcnow())).scalar_one_or_none()
    if user is None:
        raise HTTPException(401, "the token is unknown or expired; log in again")
    return user


class Login(BaseModel):
    username: constr(min_length=1, max_length=50)
    password: constr(min_length=1, max_length=128)


@app.post("/auth/login")
def login(body: Login, s=Depends(session)):
    user = s.execute(select(User).where(User.username == body.username)).scalar_one_or_none()
    try:
        valid = user is not None and nacl.pwhash.verify(user.password_hash.encode(),
                                                        body.password.encode())
    except nacl.exceptions.InvalidkeyError:
        valid = False
    if not valid:
        raise HTTPException(401, "wrong username or password")
    token = secrets.token_hex(32)
    expires = datetime.datetime.utcnow() + datetime.timedelta(hours=24)
    s.add(AuthToken(user_id=user.id, digest=digest(token), expires_at=expires))
    s.commit()
    return {"access_token": token, "token_type": "bearer", "expires_at": iso(expires)}


@app.get("/posts")
def list_posts(page: int = 1, per_page: int = 20, total: bool = False, s=Depends(session)):
    if page < 1 or not 1 <= per_page <= 100:
        return JSONResponse({"error": {"code": "validation_failed"}}, status_code=422)
    query = select(Post).where(Post.published.is_(True))
    posts = s.execute(query.options(joinedload(Post.author), selectinload(Post.tags))
                      .order_by(Post.created_at.desc(), Post.id.desc())
                      .limit(per_page + 1).offset((page - 1) * per_page)).unique().scalars().all()
    out = {"items": [post_json(p, False) for p in posts[:per_page]], "page": page,
           "per_page": per_page, "has_next": len(posts) > per_page, "has_prev": page > 1}
    if total:
        out["total"] = s.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        out["pages"] = (out["total"] + per_page - 1) // per_page
    return out


@app.get("/posts/{post_id}")
def get_post(post_id: int, s=Depends(session)):
    post = s.execute(select(Post).where(Post.id == post_id).options(
        joinedload(Post.author), selectinload(Post.tags),
        selectinload(Post.comments).joinedload(Comment.author))).unique().scalar_one_or_none()
    if post is None or not post.published:
        raise HTTPException(404, f"post {post_id} not found")
    return post_json(post, True)


class NewComment(BaseModel):
    body: constr(min_length=1, max_length=5000)


@app.post("/posts/{post_id}/comments", status_code=201)
def add_comment(post_id: int, body: NewComment, authorization: str = Header(None),
                s=Depends(session)):
    user = caller(s, authorization)
    post = s.get(Post, post_id)
    if post is None or not post.published:
        raise HTTPException(404, f"post {post_id} not found")
    comment = Comment(post_id=post_id, author_id=user.id, body=body.body,
                      created_at=datetime.datetime.utcnow())
    s.add(comment)
    s.commit()
    comment.author = user
    return comment_json(comment)
