// Revisions, their files, and the revision graph (see revision.hpp).
#include "retort/migrate/revision.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "retort/errors.hpp"

namespace retort::migrate {

namespace {

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

// The dollar-quote tag starting at `at` ("$$", "$body$"), or empty.
std::string dollar_tag(const std::string& sql, std::size_t at) {
    std::size_t end = at + 1;
    while (end < sql.size() &&
           (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_'))
        ++end;
    if (end < sql.size() && sql[end] == '$') return sql.substr(at, end - at + 1);
    return {};
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ','))
        if (auto t = trim(item); !t.empty()) out.push_back(t);
    return out;
}

}  // namespace

std::vector<std::string> split_statements(const std::string& sql) {
    std::vector<std::string> statements;
    std::string current;
    bool code = false;  // the current statement holds more than comments and whitespace
    auto finish = [&] {
        if (code) statements.push_back(trim(current));
        current.clear();
        code = false;
    };
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        auto copy_until = [&](std::size_t from, std::string_view close) {  // through `close`
            std::size_t end = sql.find(close, from);
            end = end == std::string::npos ? sql.size() : end + close.size();
            current.append(sql, i, end - i);
            i = end - 1;
        };
        if (c == '\'' || c == '"') {
            copy_until(i + 1, std::string_view(&c, 1));  // '' is two literals back to back
            code = true;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            copy_until(i + 2, "\n");
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            copy_until(i + 2, "*/");
        } else if (const std::string tag = c == '$' ? dollar_tag(sql, i) : ""; !tag.empty()) {
            copy_until(i + tag.size(), tag);
            code = true;
        } else if (c == ';') {
            finish();
        } else {
            current += c;
            code = code || !std::isspace(static_cast<unsigned char>(c));
        }
    }
    finish();
    return statements;
}

std::string Revision::checksum() const {
    std::uint64_t hash = fnv1a(id);
    for (const auto& parent : parents) hash = fnv1a("\x01" + parent, hash);
    for (const auto& statement : upgrade) hash = fnv1a("\x02" + statement, hash);
    for (const auto& statement : downgrade) hash = fnv1a("\x03" + statement, hash);
    hash = fnv1a(outside_transaction ? "\x04" : "\x05", hash);
    if (foreign_keys_off) hash = fnv1a("\x06", hash);
    return fmt::format("{:016x}", hash);
}

std::string revision_file_text(const Revision& revision) {
    std::string text = "-- retort revision: " + revision.id + "\n";
    std::string parents;
    for (const auto& parent : revision.parents) parents += (parents.empty() ? "" : ", ") + parent;
    text += "-- parents: " + parents + "\n";
    text += "-- message: " + revision.message + "\n";
    if (revision.outside_transaction) text += "-- outside transaction: yes\n";
    if (revision.foreign_keys_off) text += "-- foreign keys off: yes\n";
    text += "-- upgrade\n";
    for (const auto& statement : revision.upgrade) text += statement + ";\n";
    text += "-- downgrade\n";
    for (const auto& statement : revision.downgrade) text += statement + ";\n";
    return text;
}

Revision parse_revision_file(const std::string& text, const std::filesystem::path& file) {
    Revision revision;
    revision.file = file;
    std::istringstream lines(text);
    std::string line, upgrade, downgrade;
    enum { header, in_upgrade, in_downgrade } part = header;
    bool has_parents = false;
    auto value_of = [&](std::string_view key) -> std::optional<std::string> {
        if (line.rfind(key, 0) != 0) return std::nullopt;
        return trim(std::string_view(line).substr(key.size()));
    };
    while (std::getline(lines, line)) {
        if (trim(line) == "-- upgrade") {
            part = in_upgrade;
        } else if (trim(line) == "-- downgrade") {
            part = in_downgrade;
        } else if (part == in_upgrade) {
            upgrade += line + "\n";
        } else if (part == in_downgrade) {
            downgrade += line + "\n";
        } else if (auto id = value_of("-- retort revision:")) {
            revision.id = *id;
        } else if (auto parents = value_of("-- parents:")) {
            revision.parents = split_list(*parents);
            has_parents = true;
        } else if (auto message = value_of("-- message:")) {
            revision.message = *message;
        } else if (auto outside = value_of("-- outside transaction:")) {
            revision.outside_transaction = *outside == "yes";
        } else if (auto off = value_of("-- foreign keys off:")) {
            revision.foreign_keys_off = *off == "yes";
        }
    }
    const std::string where = file.empty() ? std::string("revision") : file.string();
    if (revision.id.empty()) throw ArgumentError(where + ": no '-- retort revision: <id>' line");
    if (!has_parents) throw ArgumentError(where + ": no '-- parents:' line (empty for a base)");
    if (part == header) throw ArgumentError(where + ": no '-- upgrade' section");
    revision.upgrade = split_statements(upgrade);
    revision.downgrade = split_statements(downgrade);
    return revision;
}

Migrations Migrations::from_directory(const std::filesystem::path& directory) {
    Migrations migrations;
    migrations.directory_ = directory;
    if (!std::filesystem::exists(directory)) return migrations;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.is_regular_file() && entry.path().extension() == ".sql")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        migrations.add(parse_revision_file(text.str(), path));
    }
    return migrations;
}

void Migrations::add(Revision revision) {
    if (revision.id.empty()) throw ArgumentError("a revision needs an id");
    for (const auto& existing : revisions_)
        if (existing.id == revision.id)
            throw ArgumentError(fmt::format("two revisions have the id '{}'", revision.id));
    revisions_.push_back(std::move(revision));
}

void Migrations::set_steps(const std::string& id, std::function<void(Connection&)> upgrade,
                           std::function<void(Connection&)> downgrade) {
    auto& revision = const_cast<Revision&>(get(id));
    revision.upgrade_step = std::move(upgrade);
    revision.downgrade_step = std::move(downgrade);
}

const Revision& Migrations::get(const std::string& id) const {
    for (const auto& revision : revisions_)
        if (revision.id == id) return revision;
    throw ArgumentError(fmt::format("no revision '{}'", id));
}

const Revision& Migrations::find(const std::string& id_or_prefix) const {
    const Revision* found = nullptr;
    for (const auto& revision : revisions_) {
        if (revision.id == id_or_prefix) return revision;
        if (revision.id.rfind(id_or_prefix, 0) == 0) {
            if (found != nullptr)
                throw ArgumentError(fmt::format("'{}' names several revisions ({}, {}, ...)",
                                                id_or_prefix, found->id, revision.id));
            found = &revision;
        }
    }
    if (found == nullptr) throw ArgumentError(fmt::format("no revision '{}'", id_or_prefix));
    return *found;
}

std::vector<std::string> Migrations::heads() const {
    std::set<std::string> parents;
    for (const auto& revision : revisions_)
        parents.insert(revision.parents.begin(), revision.parents.end());
    std::vector<std::string> out;
    for (const auto& revision : revisions_)
        if (!parents.count(revision.id)) out.push_back(revision.id);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> Migrations::bases() const {
    std::vector<std::string> out;
    for (const auto& revision : revisions_)
        if (revision.parents.empty()) out.push_back(revision.id);
    std::sort(out.begin(), out.end());
    return out;
}

std::string Migrations::head() const {
    auto all = heads();
    if (all.size() == 1) return all.front();
    if (all.empty()) throw ArgumentError("there are no revisions yet");
    std::string list;
    for (const auto& id : all) list += (list.empty() ? "" : ", ") + id;
    throw ArgumentError(fmt::format(
        "the revisions have {} heads ({}): merge them into one first (`merge`)", all.size(), list));
}

std::vector<std::string> Migrations::ancestry(const std::string& id) const {
    std::set<std::string> seen;
    std::vector<std::string> stack{get(id).id};
    while (!stack.empty()) {
        std::string current = stack.back();
        stack.pop_back();
        if (!seen.insert(current).second) continue;
        for (const auto& parent : get(current).parents) stack.push_back(parent);
    }
    std::vector<std::string> out;
    for (const auto& revision : ordered())
        if (seen.count(revision)) out.push_back(revision);
    return out;
}

std::vector<std::string> Migrations::ordered() const {
    validate();
    std::vector<std::string> out;
    std::set<std::string> placed;
    std::vector<const Revision*> pending;
    for (const auto& revision : revisions_) pending.push_back(&revision);
    std::sort(pending.begin(), pending.end(),
              [](const Revision* a, const Revision* b) { return a->id < b->id; });
    while (!pending.empty()) {
        auto ready = std::find_if(pending.begin(), pending.end(), [&](const Revision* r) {
            return std::all_of(r->parents.begin(), r->parents.end(),
                               [&](const std::string& p) { return placed.count(p) > 0; });
        });
        placed.insert((*ready)->id);
        out.push_back((*ready)->id);
        pending.erase(ready);
    }
    return out;
}

void Migrations::validate() const {
    for (const auto& revision : revisions_)
        for (const auto& parent : revision.parents)
            if (std::none_of(revisions_.begin(), revisions_.end(),
                             [&](const Revision& r) { return r.id == parent; }))
                throw ArgumentError(fmt::format(
                    "revision '{}' names a parent '{}' that does not exist", revision.id, parent));
    // A cycle leaves revisions that never become ready.
    std::set<std::string> placed;
    bool progress = true;
    while (progress) {
        progress = false;
        for (const auto& revision : revisions_) {
            if (placed.count(revision.id)) continue;
            if (std::all_of(revision.parents.begin(), revision.parents.end(),
                            [&](const std::string& p) { return placed.count(p) > 0; })) {
                placed.insert(revision.id);
                progress = true;
            }
        }
    }
    if (placed.size() != revisions_.size())
        throw ArgumentError("the revisions' parents form a cycle");
}

std::string new_revision_id() {
    std::random_device device;
    std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device());
    return fmt::format("{:012x}", generator() & 0xffffffffffffULL);
}

std::string revision_file_name(const Revision& revision) {
    std::string slug;
    for (char c : revision.message) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!slug.empty() && slug.back() != '_')
            slug += '_';
        if (slug.size() >= 40) break;
    }
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
    return revision.id + (slug.empty() ? "" : "_" + slug) + ".sql";
}

std::filesystem::path write_revision(const std::filesystem::path& directory,
                                     const Revision& revision) {
    std::filesystem::create_directories(directory);
    const auto path = directory / revision_file_name(revision);
    std::ofstream out(path, std::ios::binary);
    out << revision_file_text(revision);
    if (!out) throw ArgumentError(fmt::format("cannot write {}", path.string()));
    return path;
}

}  // namespace retort::migrate
