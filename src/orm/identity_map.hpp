// The Session's identity map: at most one object per (mapper, primary key). One open-addressing
// table per mapper, of instance pointers whose keys live in the instances: no allocation per
// object, and one 8-byte slot per object at worst twice over (a million objects: 16 MiB). The
// hash is not kept: an integer key's is a few shifts, and comparing a key reads the instance.
//
// Integer keys are placed by their own low bits (folded with the high ones), so that rows loaded
// in key order fill the table in order, which keeps big loads in cache. A table whose keys
// cluster anyway (keys spaced by a power of two) notices long probe sequences and switches to
// fully mixed hashes.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "retort/orm/instance.hpp"

namespace retort::orm::detail {

class IdentityTable {
  public:
    InstanceBase* find(const IdentityKey& key) const noexcept {
        if (slots_.empty()) return nullptr;
        const std::size_t hash = hash_of(key);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            InstanceBase* slot = slots_[i];
            if (slot == nullptr) return nullptr;
            if (slot != tombstone() && same_key(slot->key(), key)) return slot;
        }
    }
    /// Puts `object` under its own key() unless another object holds it; returns the holder.
    InstanceBase* insert(InstanceBase* object) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        const std::size_t hash = hash_of(object->key());
        std::size_t free_slot = SIZE_MAX;
        std::size_t probes = 0;
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_, ++probes) {
            InstanceBase* slot = slots_[i];
            if (slot == nullptr) {
                if (free_slot == SIZE_MAX) {
                    free_slot = i;
                    ++used_;
                }
                slots_[free_slot] = object;
                ++size_;
                if (probes > long_probe && !mixed_) remix();
                return object;
            }
            if (slot == tombstone()) {
                if (free_slot == SIZE_MAX) free_slot = i;
            } else if (same_key(slot->key(), object->key())) {
                return slot;
            }
        }
    }
    /// Removes `object` if it is the one holding its key.
    void erase(const InstanceBase* object) noexcept {
        if (slots_.empty()) return;
        const std::size_t hash = hash_of(object->key());
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            InstanceBase*& slot = slots_[i];
            if (slot == nullptr) return;
            if (slot == object) {
                slot = tombstone();
                --size_;
                return;
            }
        }
    }
    std::size_t size() const noexcept { return size_; }
    template <class F>
    void for_each(F&& f) const {
        for (InstanceBase* slot : slots_)
            if (slot != nullptr && slot != tombstone()) f(slot);
    }

  private:
    // Keys within one table share their mapper.
    static bool same_key(const IdentityKey& a, const IdentityKey& b) noexcept {
        return a.integer == b.integer && a.composite.has_value() == b.composite.has_value() &&
               (!a.composite.has_value() || a.composite == b.composite);
    }
    static constexpr std::size_t long_probe = 32;
    static InstanceBase* tombstone() noexcept {
        return reinterpret_cast<InstanceBase*>(static_cast<std::uintptr_t>(1));
    }
    static std::uint64_t mix(std::uint64_t x) noexcept {  // splitmix64
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    std::size_t hash_of(const IdentityKey& key) const noexcept {
        if (key.composite.has_value())
            return static_cast<std::size_t>(mix(std::hash<std::string>()(*key.composite)));
        auto x = static_cast<std::uint64_t>(key.integer);
        std::uint64_t folded = x ^ (x >> 21) ^ (x >> 42);
        return static_cast<std::size_t>(mixed_ ? mix(folded) : folded);
    }
    void grow() {
        rebuild(slots_.empty()
                    ? 64
                    : ((size_ + 1) * 4 > slots_.size() ? slots_.size() * 2 : slots_.size()));
    }
    void remix() {
        mixed_ = true;
        rebuild(slots_.size());
    }
    void rebuild(std::size_t capacity) {
        std::vector<InstanceBase*> old(capacity, nullptr);
        old.swap(slots_);
        mask_ = capacity - 1;
        used_ = size_;
        for (InstanceBase* slot : old) {
            if (slot == nullptr || slot == tombstone()) continue;
            std::size_t i = hash_of(slot->key()) & mask_;
            while (slots_[i] != nullptr) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }

    std::vector<InstanceBase*> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;  // objects
    std::size_t used_ = 0;  // objects and tombstones
    bool mixed_ = false;
};

/// One table per mapper: the keys of different tables never crowd each other.
class IdentityMap {
  public:
    InstanceBase* find(const IdentityKey& key) const noexcept {
        const IdentityTable* table = table_of(key.mapper);
        return table ? table->find(key) : nullptr;
    }
    InstanceBase* insert(InstanceBase* object) {
        return table_for(object->key().mapper).insert(object);
    }
    void erase(const InstanceBase* object) noexcept {
        if (IdentityTable* table = table_of(object->key().mapper)) table->erase(object);
    }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (const auto& [mapper, table] : tables_) n += table.size();
        return n;
    }
    void clear() noexcept { tables_.clear(); }
    template <class F>
    void for_each(F&& f) const {
        for (const auto& [mapper, table] : tables_) table.for_each(f);
    }

  private:
    const IdentityTable* table_of(const Mapper* mapper) const noexcept {
        for (const auto& [owner, table] : tables_)
            if (owner == mapper) return &table;
        return nullptr;
    }
    IdentityTable* table_of(const Mapper* mapper) noexcept {
        return const_cast<IdentityTable*>(std::as_const(*this).table_of(mapper));
    }
    IdentityTable& table_for(const Mapper* mapper) {
        if (IdentityTable* table = table_of(mapper)) return *table;
        return tables_.emplace_back(mapper, IdentityTable{}).second;
    }

    std::vector<std::pair<const Mapper*, IdentityTable>> tables_;
};

}  // namespace retort::orm::detail
