// The migration tool's command line (see cli.hpp), parsed with CLI11.
#include "retort/migrate/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include "retort/engine/engine.hpp"
#include "retort/migrate/compare.hpp"
#include "retort/migrate/lint.hpp"
#include "retort/migrate/runner.hpp"

namespace retort::migrate {

namespace {

struct Arguments {
    std::string url, directory, message, target = "head", from;
    bool autogenerate = false, sql = false;
    std::vector<std::string> revisions;
    std::string schema;
    std::vector<std::string> ignore_tables;
};

struct Tool {
    const MetaData& models;
    const CliSetup& setup;
    Arguments args;

    Engine engine() const {
        std::string url = args.url;
        if (url.empty())
            if (const char* env = std::getenv("DATABASE_URL")) url = env;
        if (url.empty()) throw ArgumentError("no database: give --url or set DATABASE_URL");
        return create_engine(url);
    }
    Migrations migrations() const {
        Migrations m = Migrations::from_directory(args.directory);
        if (setup.register_steps) setup.register_steps(m);
        m.validate();
        return m;
    }
    // What autogenerate, check and lint compare: the schema given, without the tables the
    // application does not own.
    CompareOptions compare_options(bool rebuild) const {
        CompareOptions options;
        if (!args.schema.empty()) options.schema = args.schema;
        options.ignore_tables = args.ignore_tables;
        options.rebuild_where_needed = rebuild;
        return options;
    }
    RunOptions run_options(std::ostream* sql_out) const {
        RunOptions options;
        options.progress = [](const std::string& line) { std::cerr << line << "\n"; };
        options.sql_output = sql_out;
        if (!args.from.empty()) {
            if (sql_out == nullptr)
                throw ArgumentError("--from says where an offline script starts: give --sql too");
            options.offline_from = args.from;
        }
        return options;
    }

    // The lint of what autogenerate finds now, printed; the number of findings.
    static std::size_t print_lint(Connection& conn, const std::vector<Operation>& operations) {
        LintOptions options;
        const std::string estimate = conn.dialect().estimated_rows_sql();
        if (!estimate.empty())
            options.estimated_rows = [&](const TableRef& table) -> std::optional<std::int64_t> {
                auto rows =
                    conn.exec_driver_sql(
                            estimate,
                            {Value(table.schema ? *table.schema + "." + table.name : table.name)})
                        .scalars<std::optional<std::int64_t>>();
                return rows.empty() ? std::nullopt : rows.front();
            };
        auto findings = lint(operations, conn.dialect(), options);
        for (const auto& f : findings)
            std::cout << "warning: " << f.operation << ": " << f.danger << "\n";
        return findings.size();
    }

    int lint_now() const {
        Engine db = engine();
        Connection conn = db.connect();
        auto operations = compare(models, conn, compare_options(false));
        const std::size_t findings = print_lint(conn, operations);
        if (findings == 0)
            std::cout << "nothing dangerous in the " << operations.size() << " change(s)\n";
        return findings == 0 ? 0 : 1;
    }

    int revision(bool merge) const {
        Migrations existing = migrations();
        Revision revision;
        if (args.autogenerate) {
            Engine db = engine();
            Connection conn = db.connect();
            revision = autogenerate(models, conn, existing, args.message, compare_options(true));
            if (revision.upgrade.empty()) {
                std::cout << "no changes: the database matches the models; nothing written\n";
                return 0;
            }
            print_lint(conn, compare(models, conn, compare_options(false)));
        } else {
            revision.id = new_revision_id();
            revision.message = args.message;
            revision.parents = merge && !args.revisions.empty() ? args.revisions : existing.heads();
            if (merge && revision.parents.size() < 2)
                throw ArgumentError("merge needs two or more heads; there is nothing to merge");
        }
        auto path = write_revision(args.directory, revision);
        std::cout << "wrote " << path.string() << "\n";
        for (const auto& sql : revision.upgrade) std::cout << "  " << sql.substr(0, 100) << "\n";
        return 0;
    }

    int history() const {
        Migrations m = migrations();
        Engine db = engine();
        auto heads = m.heads();
        auto current_ids = current(db, m);
        auto order = m.ordered();
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const Revision& r = m.get(*it);
            std::string parents;
            for (const auto& p : r.parents) parents += (parents.empty() ? "" : ", ") + p;
            std::cout << (parents.empty() ? "<base>" : parents) << " -> " << r.id;
            if (std::find(heads.begin(), heads.end(), r.id) != heads.end()) std::cout << " (head)";
            if (std::find(current_ids.begin(), current_ids.end(), r.id) != current_ids.end())
                std::cout << " (current)";
            std::cout << ", " << r.message << "\n";
        }
        return 0;
    }

    int branches() const {
        Migrations m = migrations();
        std::map<std::string, std::vector<std::string>> children;
        for (const auto& r : m.all())
            for (const auto& p : r.parents) children[p].push_back(r.id);
        for (const auto& [parent, kids] : children) {
            if (kids.size() < 2) continue;
            std::cout << parent << " branches into";
            for (const auto& k : kids) std::cout << " " << k;
            std::cout << "\n";
        }
        return 0;
    }

    // Exit 1 when anything needs attention: the models differ from the database, several
    // heads, applied revisions edited, revisions not applied.
    int check() const {
        Migrations m = migrations();
        Engine db = engine();
        int problems = 0;
        if (m.heads().size() > 1) {
            std::cout << "several heads: merge them\n";
            ++problems;
        }
        for (const auto& line : edited(db, m)) {
            std::cout << line << "\n";
            ++problems;
        }
        if (!m.all().empty() && m.heads().size() == 1) {
            auto done = current(db, m);
            if (done != std::vector<std::string>{m.head()}) {
                std::cout << "not at head (" << m.head() << "): run upgrade\n";
                ++problems;
            }
        }
        Connection conn = db.connect();
        for (const auto& line : differences(models, conn, compare_options(false))) {
            std::cout << line << "\n";
            ++problems;
        }
        if (problems == 0) std::cout << "the database matches the models and the revisions\n";
        return problems == 0 ? 0 : 1;
    }
};

void add_commands(CLI::App& app, Arguments& a, std::map<std::string, CLI::App*>& commands) {
    app.add_option("--url", a.url, "database URL (default: $DATABASE_URL)");
    app.add_option("--dir", a.directory, "the revisions' directory");
    app.add_option("--schema", a.schema,
                   "the database schema compared (default: the connection's)");
    app.add_option("--ignore-table", a.ignore_tables,
                   "a table the models do not own, left alone by autogenerate and check (repeat)");
    auto add = [&](const char* name, const char* help) {
        return commands[name] = app.add_subcommand(name, help);
    };
    add("init", "create the revisions' directory");
    auto* revision = add("revision", "write a new revision");
    revision->add_option("-m,--message", a.message, "what it does")->required();
    revision->add_flag("--autogenerate", a.autogenerate, "compare the models with the database");
    auto* up = add("upgrade", "apply revisions up to a target (head, heads, +N, <id>)");
    up->add_option("target", a.target, "default: head");
    up->add_flag("--sql", a.sql, "write the SQL to stdout instead of running it");
    up->add_option("--from", a.from, "with --sql: the revision the database is at");
    auto* down = add("downgrade", "undo revisions down to a target (-N, base, <id>)");
    down->add_option("target", a.target)->required();
    down->add_flag("--sql", a.sql, "write the SQL to stdout instead of running it");
    add("current", "the applied revisions at the tip");
    add("history", "every revision, newest first");
    add("heads", "revisions nothing descends from");
    add("branches", "revisions with several children");
    auto* merge = add("merge", "a revision joining heads");
    merge->add_option("-m,--message", a.message)->required();
    merge->add_option("revisions", a.revisions, "the heads to join (default: all)");
    auto* stamp_cmd = add("stamp", "record a revision as applied without running it");
    stamp_cmd->add_option("target", a.target)->required();
    auto* show = add("show", "print a revision");
    show->add_option("target", a.target)->required();
    add("check", "exit 1 when the database differs from the models or the revisions");
    add("lint", "flag what autogenerate would write now that loses data or locks tables");
    app.require_subcommand(1);
}

int run(const Tool& tool, const std::string& command) {
    const Arguments& a = tool.args;
    if (command == "init") {
        std::filesystem::create_directories(a.directory);
        std::cout << "revisions go in " << a.directory << "\n";
        return 0;
    }
    if (command == "revision" || command == "merge") return tool.revision(command == "merge");
    if (command == "history") return tool.history();
    if (command == "branches") return tool.branches();
    if (command == "check") return tool.check();
    if (command == "lint") return tool.lint_now();
    Migrations m = tool.migrations();
    if (command == "heads") {
        for (const auto& id : m.heads())
            std::cout << id << " (head), " << m.get(id).message << "\n";
        return 0;
    }
    if (command == "show") {
        std::cout << revision_file_text(a.target == "head" ? m.get(m.head()) : m.find(a.target));
        return 0;
    }
    Engine db = tool.engine();
    if (command == "upgrade") {
        auto done = upgrade(db, m, a.target, tool.run_options(a.sql ? &std::cout : nullptr));
        if (!a.sql) std::cerr << done.size() << " revision(s) applied\n";
    } else if (command == "downgrade") {
        auto done = downgrade(db, m, a.target, tool.run_options(a.sql ? &std::cout : nullptr));
        if (!a.sql) std::cerr << done.size() << " revision(s) undone\n";
    } else if (command == "current") {
        for (const auto& id : current(db, m)) std::cout << id << "\n";
    } else if (command == "stamp") {
        stamp(db, m, a.target);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv, const MetaData& models, const CliSetup& setup) {
    CLI::App app{"Schema migrations for this application's models (Retort)"};
    Tool tool{models, setup, {}};
    tool.args.directory = setup.default_directory;
    std::map<std::string, CLI::App*> commands;
    add_commands(app, tool.args, commands);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }
    try {
        for (const auto& [name, command] : commands)
            if (command->parsed()) return run(tool, name);
    } catch (const std::exception& error) {
        std::cerr << "migrate: " << error.what() << "\n";
        return 1;
    }
    return 2;
}

}  // namespace retort::migrate
