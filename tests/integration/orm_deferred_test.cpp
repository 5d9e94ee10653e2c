// Deferred columns: left out of queries, loaded on first access; defer / undefer / load_only.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;

struct Memo {
    std::int64_t id = 0;
    std::string title;
    Deferred<std::string> body{};
    Deferred<std::optional<Bytes>> attachment{};
};
MetaData deferred_metadata;
struct Memos : Model<Memo> {
    Column<&Memo::id> id{this, primary_key};
    Column<&Memo::title> title{this, type::String(50)};
    Column<&Memo::body> body{this, type::Text()};
    Column<&Memo::attachment> attachment{this};
    Memos() : Model("memos", deferred_metadata) {}
};
const Memos memos;

class DeferredTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_.emplace(make_engine());
        deferred_metadata.create_all(*engine_);
        engine_->events().before_execute.push_back(
            [this](const ExecuteInfo& info) { statements_.emplace_back(info.sql); });
        Session session(*engine_);
        session.add(Memo{0, "first", std::string(10'000, 'x'), to_bytes("pdf")});
        session.add(Memo{0, "second", std::string("short"), std::nullopt});
        session.commit();
        statements_.clear();
    }
    std::optional<Engine> engine_;
    std::vector<std::string> statements_;
};
RETORT_ON_BOTH_BACKENDS(DeferredTest);

TEST_P(DeferredTest, deferred_members_load_on_first_access_in_one_statement) {
    Session session(*engine_);
    auto docs = session.query(memos).order_by(memos.id).all();
    ASSERT_EQ(statements_.size(), 1u);
    EXPECT_EQ(statements_[0].find("body"), std::string::npos) << statements_[0];
    ASSERT_EQ(docs.size(), 2u);
    const auto& first = std::as_const(docs[0]);
    EXPECT_FALSE(first->body.loaded());
    EXPECT_EQ(first->title, "first");
    EXPECT_EQ(first->body.get().size(), 10'000u);  // loads body and attachment together
    EXPECT_EQ(statements_.size(), 2u);
    EXPECT_TRUE(first->attachment.loaded());
    EXPECT_EQ(*first->attachment, to_bytes("pdf"));
    EXPECT_EQ(statements_.size(), 2u);

    // undefer: loaded with the rows; load_only: every other deferred member left out.
    session.expunge_all();
    auto eager = session.query(memos).options(undefer(memos.body)).all();
    EXPECT_TRUE(std::as_const(eager[0])->body.loaded());
    EXPECT_FALSE(std::as_const(eager[0])->attachment.loaded());
    session.expunge_all();
    auto only = session.query(memos)
                    .options(load_only(memos.title, memos.attachment))
                    .order_by(memos.id)
                    .all();
    EXPECT_FALSE(std::as_const(only[1])->body.loaded());
    EXPECT_TRUE(std::as_const(only[1])->attachment.loaded());
    EXPECT_EQ(*std::as_const(only[1])->attachment, std::nullopt);
    EXPECT_THROW(session.query(memos).options(defer(memos.id)).all(), ArgumentError);  // the key
}

TEST_P(DeferredTest, a_query_of_an_entity_and_columns_takes_defer_undefer_and_load_only) {
    Session session(*engine_);
    // undefer: the body comes with the rows, beside a column of the query's own.
    auto rows = session.query(memos, func::call<std::int64_t>("length", memos.title))
                    .options(undefer(memos.body))
                    .order_by(memos.id)
                    .all();
    ASSERT_EQ(rows.size(), 2u);
    const auto& [first, title_length] = rows[0];
    EXPECT_EQ(title_length, 5);
    EXPECT_TRUE(std::as_const(first)->body.loaded());
    EXPECT_FALSE(std::as_const(first)->attachment.loaded());
    EXPECT_EQ(statements_.size(), 1u);

    // load_only: a plain member left out keeps its default, and the SQL leaves it out.
    session.expunge_all();
    statements_.clear();
    auto only_ids = session.query(memos, memos.title)
                        .options(load_only(memos.attachment))
                        .order_by(memos.id)
                        .all();
    ASSERT_EQ(statements_.size(), 1u);
    EXPECT_EQ(statements_[0].find("memos.body"), std::string::npos) << statements_[0];
    const auto& [memo, title] = only_ids[0];
    EXPECT_EQ(title, "first") << "the column item is read whatever the entity leaves out";
    EXPECT_TRUE(std::as_const(memo)->attachment.loaded());
    EXPECT_FALSE(std::as_const(memo)->body.loaded());

    // An option for a model that is not among the query's entities, or for its key.
    const auto other = aliased(memos, "other");
    EXPECT_THROW(session.query(memos, memos.title).options(defer(other.body)), ArgumentError);
    EXPECT_THROW(session.query(memos, memos.title).options(defer(memos.id)), ArgumentError);
}

TEST_P(DeferredTest, a_flush_writes_a_deferred_member_only_when_it_was_assigned) {
    {
        Session session(*engine_);
        auto doc = session.query(memos).filter(memos.title == "second").one();
        doc->title = "renamed";  // opened for writing with body unloaded
        EXPECT_EQ(std::as_const(doc)->body.get(), "short");  // loading is not a change
        session.commit();
    }
    auto updates = [&] {
        std::vector<std::string> found;
        for (const auto& s : statements_)
            if (s.rfind("UPDATE", 0) == 0) found.push_back(s);
        return found;
    };
    ASSERT_EQ(updates().size(), 1u);
    EXPECT_EQ(updates()[0].find("body"), std::string::npos) << updates()[0];
    statements_.clear();
    {
        Session session(*engine_);
        auto doc = session.query(memos).filter(memos.title == "renamed").one();
        doc->body = std::string("rewritten without reading");
        session.commit();
        auto again = session.query(memos).filter(memos.title == "renamed").one();
        EXPECT_EQ(std::as_const(again)->body.get(), "rewritten without reading");
    }
    ASSERT_EQ(updates().size(), 1u);
    EXPECT_NE(updates()[0].find("body"), std::string::npos) << updates()[0];
}

TEST_P(DeferredTest, an_unloaded_member_of_a_detached_object_raises) {
    Ptr<Memo> doc;
    {
        Session session(*engine_);
        doc = session.query(memos).filter(memos.title == "first").one();
        session.expunge(doc);
    }
    EXPECT_THROW((void)std::as_const(doc)->body.get(), DetachedInstanceError);
    Memo copy = *std::as_const(doc);
    EXPECT_THROW((void)copy.body.get(), DetachedInstanceError);
    EXPECT_EQ(copy.title, "first");
}

}  // namespace
}  // namespace retort::testing
