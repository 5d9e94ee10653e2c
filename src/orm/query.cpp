#include "retort/orm/query.hpp"

#include <fmt/format.h>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

InstanceRef load_row(SessionState& session, const Mapper& mapper, DriverResult& row,
                     const std::vector<bool>* unloaded) {
    return session.load_row(mapper, row, 0, unloaded);
}

namespace {
// The select whose rows a select(model)'s objects are, for subqueryload: re-run as a subquery.
class StatementOwners final : public OwnerSource {
  public:
    explicit StatementOwners(const Select& statement) : statement_(statement) {}
    Select select(const std::string& column) const override {
        const FromClause rows = statement_.subquery("retort_owners");
        return Select({rows.c(column)}).select_from(rows);
    }

  private:
    const Select& statement_;
};
}  // namespace

void load_eagerly(SessionState& session, const Mapper& mapper,
                  const std::vector<InstanceBase*>& objects, const std::vector<LoadOption>& options,
                  const Select* statement) {
    if (statement == nullptr) return session.load_eagerly(mapper, objects, options);
    const StatementOwners source(*statement);
    session.load_eagerly(mapper, objects, options, &source);
}

namespace {
const char* loader_name(const LoadOption& option) {
    if (option.from_join) return "contains_eager";
    switch (option.loading) {
        case Loading::joined:
            return "joinedload";
        case Loading::raise:
            return "raiseload";
        case Loading::lazy:
            return "lazyload";
        case Loading::noload:
            return "noload";
        case Loading::subquery:
            return "subqueryload";
        default:
            return "selectinload";
    }
}

// Whether the query itself loads the related objects, so that options below apply to them.
bool loads_eagerly(const LoadOption& option) {
    return option.loading == Loading::selectin || option.loading == Loading::joined ||
           option.loading == Loading::subquery;
}

// Every option of a chain must start at the objects its parent loads.
void check_chain(const Mapper& owner, const LoadOption& option, const char* where) {
    if (option.model != &owner.model())
        throw ArgumentError(
            fmt::format("{}('{}') {} loads '{}' objects, and '{}' is not a relationship of theirs",
                        loader_name(option), relationship_name(*option.model, option.relationship),
                        where, owner.model().definition().name,
                        relationship_name(*option.model, option.relationship)));
    if (!option.next.empty() && !loads_eagerly(option))
        throw ArgumentError(fmt::format(
            "options chained below {}('{}') would never apply: Retort does not carry options into "
            "later lazy loads; load '{}' with selectinload or joinedload to chain below it",
            loader_name(option), relationship_name(*option.model, option.relationship),
            relationship_name(*option.model, option.relationship)));
    const Mapper& target = *owner.relationships().at(option.relationship).target;
    for (const LoadOption& next : option.next)
        check_chain(target, next, "is chained below an option that");
}

// The option (depth first) whose related objects are of `model`, and their mapper.
LoadOption* loading(const Mapper& owner, std::vector<LoadOption>& options, const ModelBase* model,
                    const Mapper*& target) {
    for (LoadOption& option : options) {
        if (option.model != &owner.model() || !loads_eagerly(option)) continue;
        const Mapper& related = *owner.relationships().at(option.relationship).target;
        if (&related.model() == model) {
            target = &related;
            return &option;
        }
        if (LoadOption* found = loading(related, option.next, model, target)) return found;
    }
    return nullptr;
}
}  // namespace

void add_load_option(const Mapper& root, std::vector<LoadOption>& options, LoadOption option) {
    if (option.model != &root.model()) {
        // Reachable through an option given before: load it there, as if chained with then().
        const Mapper* target = nullptr;
        if (LoadOption* parent = loading(root, options, option.model, target)) {
            check_chain(*target, option, "is chained below an option that");
            parent->next.push_back(std::move(option));
            return;
        }
        throw ArgumentError(fmt::format(
            "{}('{}') names a relationship of '{}', which this query of '{}' does not load: "
            "chain it with .then() below an option that loads '{}' objects",
            loader_name(option), relationship_name(*option.model, option.relationship),
            option.model->definition().name, root.model().definition().name,
            option.model->definition().name));
    }
    check_chain(root, option, "is given to a query that");
    options.push_back(std::move(option));
}

Result run_query(SessionState& session, const Select& statement, bool stream) {
    session.check_usable();
    session.autoflush();
    return session.conn().execute(statement, {}, ExecuteOptions{stream});
}

std::int64_t count_rows(SessionState& session, const Select& statement) {
    session.check_usable();
    session.autoflush();
    Select counting = Select({func::count()}).select_from(statement.subquery("retort_counted"));
    return session.conn().execute(counting).scalar<std::int64_t>();
}

namespace {
Expression all_of(const std::vector<Expression>& criteria) {
    Expression condition = criteria.front();
    for (std::size_t i = 1; i < criteria.size(); ++i) condition = condition && criteria[i];
    return condition;
}

}  // namespace

Expression same_primary_key(const Mapper& mapper, const FromClause& subquery) {
    std::vector<Expression> equalities;
    for (std::size_t index : mapper.primary_key()) {
        const std::string& name = mapper.attributes()[index].name;
        equalities.push_back(mapper.model().c(name) == subquery.c(name));
    }
    return all_of(equalities);
}

std::int64_t bulk_update(SessionState& session, const Mapper& mapper,
                         const std::vector<Expression>& criteria,
                         std::vector<Assignment> assignments, Synchronize synchronize) {
    if (assignments.empty()) throw ArgumentError("Query.update(): no values to set");
    check_assignments(mapper, assignments, "Query.update()");
    session.check_usable();
    session.autoflush();
    Update statement = update(mapper.model()).values(std::move(assignments));
    if (!criteria.empty()) statement = statement.where(all_of(criteria));
    if (synchronize == Synchronize::none) return session.conn().execute(statement).rows_affected();
    // RETURNING every mapped column: objects in the session take the new values.
    Result result = session.conn().execute(statement.returning(mapper.model().mapped_columns()));
    std::int64_t count = 0;
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        ++count;
        InstanceRef fresh = mapper.create();
        for (std::size_t i = 0; i < mapper.attributes().size(); ++i)
            mapper.model().read_column(i, fresh->object(), row.field(i));
        auto key = identity_of(mapper, fresh->object());
        if (!key) return;
        if (InstanceBase* held = session.identity.find(*key)) session.refresh_from(*held, *fresh);
    });
    return count;
}

std::int64_t bulk_delete(SessionState& session, const Mapper& mapper,
                         const std::vector<Expression>& criteria, Synchronize synchronize) {
    session.check_usable();
    session.autoflush();
    Delete statement = delete_(mapper.model());
    if (!criteria.empty()) statement = statement.where(all_of(criteria));
    if (synchronize == Synchronize::none) return session.conn().execute(statement).rows_affected();
    Result result =
        session.conn().execute(statement.returning(key_columns(mapper, mapper.model())));
    std::int64_t count = 0;
    std::vector<Value> key(mapper.primary_key().size());
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        ++count;
        InstanceRef fresh = mapper.create();
        for (std::size_t k = 0; k < mapper.primary_key().size(); ++k)
            mapper.model().read_column(mapper.primary_key()[k], fresh->object(), row.field(k));
        auto identity = identity_of(mapper, fresh->object());
        if (!identity) return;
        if (InstanceBase* held = session.identity.find(*identity)) session.mark_gone(*held);
    });
    return count;
}

}  // namespace retort::orm::detail

namespace retort::orm {
void add_loader_option(std::shared_ptr<const retort::detail::LoaderOptions>& options,
                       const LoadOption& option) {
    if (option.from_join)
        throw ArgumentError(
            "select(model).options(): contains_eager() fills a relationship from the query's own "
            "join; use session.query(model).join(...).options(contains_eager(...))");
    auto extended = std::make_shared<retort::detail::LoaderOptions>();
    if (options) extended->options = options->options;
    extended->options.push_back(option);
    options = std::move(extended);
}
}  // namespace retort::orm
