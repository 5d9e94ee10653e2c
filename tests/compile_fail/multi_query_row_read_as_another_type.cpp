// expect: conversion from
#include "common.hpp"
// A row of session.query(items, count) is tuple<Ptr<Item>, std::int64_t>: reading the count as a
// string is refused where the row is read, not at run time.
int main() {
    const Items items;
    retort::orm::Session session(retort::create_engine("sqlite://"));
    std::tuple<retort::orm::Ptr<Item>, std::string> row =
        session.query(items, retort::func::count(items.id)).group_by(items.id).one();
}
