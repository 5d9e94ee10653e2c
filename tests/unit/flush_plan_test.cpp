// The unit of work's planner without a database: from objects to the statements a flush
// would send, for each dialect's spelling. The statements' behaviour against a server is
// tested by the ORM's integration tests; these pin down what is sent, in which order and
// batched how.
#include <gtest/gtest.h>

#include <optional>

#include "orm/flush_plan.hpp"
#include "retort/dialects/postgresql/driver.hpp"
#include "retort/dialects/sqlite/driver.hpp"
#include "retort/retort.hpp"

namespace {

using namespace retort;
using namespace retort::orm;
using retort::orm::detail::FlushPlan;
using retort::orm::detail::FlushStep;

struct Writer {
    std::int64_t id = 0;
    std::string name{};
    std::string email{};
    std::int64_t rank = 0;  // a client-side default fills it when blank
};
struct Note {
    std::int64_t id = 0;
    std::int64_t writer_id = 0;
    std::string body{};
};
struct Draft {  // optimistic locking
    std::int64_t id = 0;
    std::string body{};
    std::int64_t version = 0;
};

MetaData plan_metadata;

struct Writers : Model<Writer> {
    Column<&Writer::id> id{this, primary_key};
    Column<&Writer::name> name{this, type::String(50)};
    Column<&Writer::email> email{this, type::String(100)};
    Column<&Writer::rank> rank{this, default_([] { return std::int64_t{7}; })};
    Writers() : Model("writers", plan_metadata) {}
};
const Writers writers;

struct Notes : Model<Note> {
    Column<&Note::id> id{this, primary_key};
    Column<&Note::writer_id> writer_id{this, ForeignKey("writers.id")};
    Column<&Note::body> body{this, type::Text()};
    Notes() : Model("notes", plan_metadata) {}
};
const Notes notes;

struct Drafts : Model<Draft> {
    Column<&Draft::id> id{this, primary_key};
    Column<&Draft::body> body{this, type::Text()};
    Column<&Draft::version> version{this, version_id};
    Drafts() : Model("drafts", plan_metadata) {}
};
const Drafts drafts;

/// An object as the session tracks it, without a session: new, or read (with the snapshot a
/// flush compares it with).
template <class T>
class Tracked final : public InstanceBase {
  public:
    Tracked(const Model<T>& model, T entity) : InstanceBase(Session::mapper_of(model)) {
        entity_ = std::move(entity);
    }
    /// As if loaded from its row: changes from now on are planned as UPDATEs.
    Tracked& as_read() {
        snapshot_ = entity_;
        return *this;
    }
    T& entity() { return entity_; }
    void* object() noexcept override { return &entity_; }
    const void* snapshot() const noexcept override { return snapshot_ ? &*snapshot_ : nullptr; }
    InstanceRef clone() const override { return nullptr; }

  protected:
    void take_snapshot() override { snapshot_ = entity_; }
    void drop_snapshot() noexcept override { snapshot_.reset(); }
    void assign_from(InstanceBase&) noexcept override {}

  private:
    T entity_;
    std::optional<T> snapshot_;
};

std::vector<const Mapper*> order_of(std::initializer_list<const Mapper*> mappers) {
    return orm::detail::dependency_order(mappers);
}

std::size_t bound_values(const FlushStep& step) {
    std::size_t n = 0;
    for (const auto& set : step.sets) n += set.size();
    return n;
}

class FlushPlanTest : public ::testing::Test {
  protected:
    FlushPlan plan_for(const sql::Dialect& dialect, std::size_t batch_rows = 1000) {
        return FlushPlan(dialect, batch_rows, cache_);
    }
    std::vector<InstanceBase*> new_writers(std::size_t count) {
        std::vector<InstanceBase*> objects;
        for (std::size_t i = 0; i < count; ++i) {
            auto& object = own(writers, Writer{.name = "w" + std::to_string(i)});
            objects.push_back(&object);
        }
        return objects;
    }
    template <class T>
    Tracked<T>& own(const Model<T>& model, T entity) {
        auto* owned = new Tracked<T>(model, std::move(entity));
        objects_.push_back(InstanceRef(owned));
        return *owned;
    }
    const Mapper& writer_mapper = Session::mapper_of(writers);
    const Mapper& note_mapper = Session::mapper_of(notes);
    const Mapper& draft_mapper = Session::mapper_of(drafts);
    FlushPlan::StatementCache cache_;
    std::vector<InstanceRef> objects_;
};

TEST_F(FlushPlanTest, new_objects_of_one_shape_are_one_multi_row_insert_on_postgresql) {
    FlushPlan plan = plan_for(postgresql::dialect());
    auto objects = new_writers(3);
    plan.plan_inserts({&writer_mapper}, objects);

    ASSERT_EQ(plan.steps.size(), 1u);
    const FlushStep& step = plan.steps[0];
    EXPECT_EQ(step.kind, FlushStep::Kind::insert);
    EXPECT_EQ(step.sets.size(), 1u);         // one execution
    EXPECT_EQ(bound_values(step), 3u * 3u);  // name, email, rank per row
    EXPECT_EQ(step.rows.at(0), objects);     // matched back in this order
    EXPECT_TRUE(step.sort_by_key);           // by the keys the sequence gave, ascending
    EXPECT_NE(step.sql.find("ORDER BY retort_order RETURNING id"), std::string::npos) << step.sql;
    EXPECT_NE(step.sql.find("$1::VARCHAR"), std::string::npos) << step.sql;
    EXPECT_NE(step.sql.find("$9"), std::string::npos) << step.sql;
    // The client-side default was filled in before binding, and is remembered for recovery.
    EXPECT_EQ(static_cast<Writer*>(objects[0]->object())->rank, 7);
    EXPECT_EQ(plan.filled.size(), 3u);
}

TEST_F(FlushPlanTest, new_objects_on_sqlite_are_one_statement_executed_per_row_without_returning) {
    FlushPlan plan = plan_for(sqlite::dialect());
    auto objects = new_writers(3);
    plan.plan_inserts({&writer_mapper}, objects);

    ASSERT_EQ(plan.steps.size(), 1u);
    const FlushStep& step = plan.steps[0];
    EXPECT_EQ(step.sql, "INSERT INTO writers (name, email, rank) VALUES (?1, ?2, ?3)");
    EXPECT_EQ(step.rows.size(), 3u);  // one execution per object
    EXPECT_TRUE(step.inserted_key);   // the driver reports the rowid
    // Each row's values are read from its object as it runs: the plan keeps no copy.
    EXPECT_TRUE(step.binds_objects);
    EXPECT_TRUE(step.sets.empty());
    EXPECT_EQ(step.copied.size(), 3u);
}

TEST_F(FlushPlanTest, a_multi_row_statement_writes_at_most_batch_rows_rows) {
    FlushPlan plan = plan_for(postgresql::dialect(), 2);
    plan.plan_inserts({&writer_mapper}, new_writers(5));
    ASSERT_EQ(plan.steps.size(), 3u);
    EXPECT_EQ(plan.steps[0].rows[0].size(), 2u);
    EXPECT_EQ(plan.steps[2].rows[0].size(), 1u);
    // The same shape of two rows is compiled once and shared.
    EXPECT_EQ(plan.steps[0].sql, plan.steps[1].sql);
    EXPECT_NE(plan.steps[0].sql, plan.steps[2].sql);
}

TEST_F(FlushPlanTest, parents_are_inserted_before_children_whatever_the_order_given) {
    FlushPlan plan = plan_for(postgresql::dialect());
    auto& note = own(notes, Note{.body = "b"});
    auto writer = new_writers(1);
    auto order = order_of({&note_mapper, &writer_mapper});
    ASSERT_EQ(order.front(), &writer_mapper);
    plan.plan_inserts(order, {&note, writer[0]});
    ASSERT_EQ(plan.steps.size(), 2u);
    EXPECT_EQ(plan.steps[0].mapper, &writer_mapper);
    EXPECT_EQ(plan.steps[1].mapper, &note_mapper);
}

TEST_F(FlushPlanTest, changed_objects_are_grouped_by_the_columns_they_change) {
    auto& a = own(writers, Writer{.id = 1, .name = "a"}).as_read();
    auto& b = own(writers, Writer{.id = 2, .name = "b"}).as_read();
    auto& c = own(writers, Writer{.id = 3, .name = "c"}).as_read();
    auto& unchanged = own(writers, Writer{.id = 4, .name = "d"}).as_read();
    a.entity().email = "a@example.com";
    b.entity().name = "bee";
    c.entity().email = "c@example.com";

    FlushPlan pg = plan_for(postgresql::dialect());
    pg.plan_changes({&writer_mapper}, {&a, &b, &c, &unchanged}, {}, {}, false);
    ASSERT_EQ(pg.steps.size(), 2u);  // emails (a, c) in one statement, b's name in another
    EXPECT_EQ(pg.steps[0].rows.at(0), (std::vector<InstanceBase*>{&a, &c}));
    // One array per column: the text and the plan do not depend on the number of rows.
    EXPECT_EQ(pg.steps[0].sql,
              "UPDATE writers AS retort_target SET email = retort_rows.p0 FROM "
              "unnest($1::VARCHAR[], $2::BIGINT[]) AS retort_rows (p0, p1) WHERE "
              "retort_target.id = retort_rows.p1");
    ASSERT_EQ(pg.steps[0].sets.size(), 1u);
    EXPECT_EQ(*pg.steps[0].sets[0][0], Value{std::string(R"({"a@example.com","c@example.com"})")});
    EXPECT_EQ(*pg.steps[0].sets[0][1], Value{std::string("{1,3}")});
    EXPECT_TRUE(pg.steps[0].check_count);  // a row changed by another transaction is caught
    EXPECT_EQ(pg.steps[1].sql, "UPDATE writers SET name = $1 WHERE id = $2");

    FlushPlan lite = plan_for(sqlite::dialect());
    lite.plan_changes({&writer_mapper}, {&a, &b, &c, &unchanged}, {}, {}, false);
    ASSERT_EQ(lite.steps.size(), 2u);
    EXPECT_EQ(lite.steps[0].sql, "UPDATE writers SET email = ?1 WHERE id = ?2");
    EXPECT_EQ(lite.steps[0].sets.size(), 2u);  // one execution per object
    EXPECT_EQ(*lite.steps[0].sets[1][0], Value{std::string("c@example.com")});
    EXPECT_EQ(*lite.steps[0].sets[1][1], Value{std::int64_t{3}});
}

TEST_F(FlushPlanTest, a_version_counter_is_raised_and_must_still_hold_the_value_read) {
    auto& draft = own(drafts, Draft{.id = 5, .body = "old", .version = 3}).as_read();
    draft.entity().body = "new";
    FlushPlan plan = plan_for(sqlite::dialect());
    plan.plan_changes({&draft_mapper}, {&draft}, {}, {}, false);
    ASSERT_EQ(plan.steps.size(), 1u);
    EXPECT_EQ(plan.steps[0].sql,
              "UPDATE drafts SET body = ?1, version = version + 1 WHERE id = ?2 AND version = ?3");
    const auto& set = plan.steps[0].sets.at(0);
    ASSERT_EQ(set.size(), 3u);
    EXPECT_EQ(*set[2], Value{std::int64_t{3}});  // as read
    EXPECT_EQ(draft.entity().version, 4);        // the object holds the new one
    plan.restore();                              // a failed flush gives it back
    EXPECT_EQ(draft.entity().version, 3);
}

TEST_F(FlushPlanTest, deletes_follow_updates_children_first_and_by_key_in_one_statement) {
    auto& w1 = own(writers, Writer{.id = 2, .name = "x"}).as_read();
    auto& w2 = own(writers, Writer{.id = 1, .name = "y"}).as_read();
    auto& note = own(notes, Note{.id = 9, .writer_id = 3, .body = "n"}).as_read();
    auto& renamed = own(notes, Note{.id = 8, .writer_id = 3, .body = "m"}).as_read();
    renamed.entity().body = "changed";

    FlushPlan plan = plan_for(postgresql::dialect());
    plan.plan_changes(order_of({&writer_mapper, &note_mapper}), {&renamed}, {}, {&w1, &w2, &note},
                      false);
    ASSERT_EQ(plan.steps.size(), 3u);
    EXPECT_EQ(plan.steps[0].kind, FlushStep::Kind::update);
    EXPECT_EQ(plan.steps[1].sql, "DELETE FROM notes WHERE id = $1");  // the child first
    EXPECT_EQ(plan.steps[2].sql, "DELETE FROM writers WHERE id IN ($1, $2)");
    EXPECT_FALSE(plan.steps[2].check_count);  // a row already gone is not an error
}

TEST_F(FlushPlanTest, recovery_puts_back_what_planning_filled_in) {
    FlushPlan plan = plan_for(postgresql::dialect());
    auto objects = new_writers(2);
    plan.plan_inserts({&writer_mapper}, objects);
    ASSERT_EQ(static_cast<Writer*>(objects[1]->object())->rank, 7);
    plan.restore();
    EXPECT_EQ(static_cast<Writer*>(objects[1]->object())->rank, 0);
}

TEST_F(FlushPlanTest, a_dialect_without_a_multi_row_update_refuses_one_by_name) {
    std::vector<sql::WriteColumn> key{{"id", nullptr}};
    sql::KeyedUpdate update{.table = {.name = "t"}, .set = key, .key = key, .rows = 2};
    try {
        (void)sqlite::dialect().keyed_update_sql(update);
        FAIL() << "a two-row keyed UPDATE was spelled by SQLite's dialect";
    } catch (const NotSupportedError& error) {
        EXPECT_NE(std::string(error.what()).find("sqlite"), std::string::npos) << error.what();
    }
}

}  // namespace
