"""SQLAlchemy 1.4 side of bench/orm_vs_sqlalchemy: the workloads of SQLAlchemy's own
examples/performance suite on the Customer table, timed here and printed as
`<workload> <seconds>` lines (median of the repetitions) for the C++ harness to compare.

Run with Debian's interpreter: /usr/bin/python3 bench/sqlalchemy_perf.py URL WORKLOAD N REPS
"""
import random
import resource
import statistics
import sys
import time

from sqlalchemy import Column, ForeignKey, Integer, String, bindparam, create_engine, insert, select
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customer"
    id = Column(Integer, primary_key=True)
    name = Column(String(255))
    description = Column(String(255))


def orm_bulk_inserts(engine, n):
    with engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE bench_customer_insert RESTART IDENTITY")
    session = Session(bind=engine)
    for chunk in range(0, n, 1000):
        session.add_all(
            [Target(name="customer name %d" % i, description="customer description %d" % i)
             for i in range(chunk, chunk + 1000)])
        session.flush()
    session.commit()


def core_bulk_inserts(engine, n):
    with engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE bench_customer_insert RESTART IDENTITY")
    with engine.begin() as conn:
        for chunk in range(0, n, 1000):
            conn.execute(insert(Target.__table__),
                         [dict(name="customer name %d" % i, description="customer description %d" % i)
                          for i in range(chunk, chunk + 1000)])


class Target(Base):
    __tablename__ = "bench_customer_insert"
    id = Column(Integer, primary_key=True)
    name = Column(String(255))
    description = Column(String(255))


def orm_large_resultsets(engine, n):
    session = Session(bind=engine)
    objects = session.query(Customer).limit(n).all()
    assert len(objects) == n
    for c in objects:
        c.id, c.name, c.description
    session.close()


def core_large_resultsets(engine, n):
    with engine.connect() as conn:
        for row in conn.execute(select(Customer.__table__).limit(n)):
            row.id, row.name, row.description


def orm_short_selects(engine, n):
    ids = random.Random(7).sample(range(1, 10 * n + 1), n)
    session = Session(bind=engine)
    for id_ in ids:
        session.query(Customer).filter(Customer.id == id_).one()
    session.close()


def core_short_selects(engine, n):
    ids = random.Random(7).sample(range(1, 10 * n + 1), n)
    stmt = select(Customer.__table__).where(Customer.id == bindparam("id"))
    with engine.connect() as conn:
        for id_ in ids:
            conn.execute(stmt, {"id": id_}).one()


def orm_bulk_updates(engine, n):
    session = Session(bind=engine)
    for chunk in range(0, n, 1000):
        customers = session.query(Customer).filter(Customer.id.between(chunk + 1, chunk + 1000)).all()
        for customer in customers:
            customer.description += "u"
        session.flush()
    session.rollback()  # leave the data as it was for the next run


def orm_single_inserts(engine, n):
    with engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE bench_customer_insert RESTART IDENTITY")
    for i in range(n):
        session = Session(bind=engine)
        session.add(Target(name="customer name %d" % i, description="customer description %d" % i))
        session.commit()


class BenchUser(Base):
    __tablename__ = "bench_users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    posts = relationship("BenchPost", back_populates="user")


class BenchPost(Base):
    __tablename__ = "bench_posts"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("bench_users.id"))
    title = Column(String(200))
    user = relationship("BenchUser", back_populates="posts")


def orm_selectin_relationships(engine, n):
    session = Session(bind=engine)
    users = session.query(BenchUser).options(selectinload(BenchUser.posts)).limit(n).all()
    total = sum(len(u.posts) for u in users)
    assert len(users) == n and total == 10 * n
    session.close()


def orm_memory(engine, n):
    session = Session(bind=engine)
    objects = session.query(Customer).limit(n).all()
    assert len(objects) == n
    print("peak_rss_kib %d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


WORKLOADS = {f.__name__: f for f in [orm_bulk_inserts, core_bulk_inserts, orm_large_resultsets,
                                     core_large_resultsets, orm_short_selects, core_short_selects,
                                                                          orm_bulk_updates, orm_single_inserts, orm_memory,
                                     orm_selectin_relationships]}


def main():
    url, workload, n, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    url = url.replace("postgresql://", "postgresql+psycopg2://", 1)
    engine = create_engine(url)
    body = WORKLOADS[workload]
    if workload == "orm_memory":
        body(engine, n)
        return
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        body(engine, n)
        times.append(time.perf_counter() - start)
    print("%s %.6f" % (workload, statistics.median(times)))


if __name__ == "__main__":
    main()
