// expect: session.query() takes models and typed expressions (columns, functions, labels)
#include "common.hpp"
// A plain number is no item of a query: refused where it is written, with the one sentence.
int main() {
    const Items items;
    retort::orm::Session session(retort::create_engine("sqlite://"));
    session.query(items, 5);
}
