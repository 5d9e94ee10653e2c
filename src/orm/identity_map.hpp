// The Session's identity map: at most one object per (mapper, primary key). An open-addressing
// table of instance pointers with their hashes: no allocation per object, and growing moves
// 16-byte slots without touching the objects. The keys live in the instances themselves.
#pragma once

#include <cstdint>
#include <vector>

#include "retort/orm/instance.hpp"

namespace retort::orm::detail {

std::size_t hash_key(const IdentityKey& key) noexcept;

class IdentityMap {
  public:
    /// The object holding `key`, or null.
    InstanceBase* find(const IdentityKey& key) const noexcept {
        if (slots_.empty()) return nullptr;
        const std::size_t hash = hash_key(key);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.object == nullptr) return nullptr;
            if (slot.object != tombstone() && slot.hash == hash && slot.object->key() == key)
                return slot.object;
        }
    }
    /// Puts `object` under its own key() unless another object holds it; returns the holder.
    InstanceBase* insert(InstanceBase* object) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        const std::size_t hash = hash_key(object->key());
        std::size_t free_slot = SIZE_MAX;
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.object == nullptr) {
                if (free_slot == SIZE_MAX) {
                    free_slot = i;
                    ++used_;
                }
                slots_[free_slot] = Slot{hash, object};
                ++size_;
                return object;
            }
            if (slot.object == tombstone()) {
                if (free_slot == SIZE_MAX) free_slot = i;
            } else if (slot.hash == hash && slot.object->key() == object->key()) {
                return slot.object;
            }
        }
    }
    /// Removes `object` if it is the one holding its key.
    void erase(const InstanceBase* object) noexcept {
        if (slots_.empty()) return;
        const std::size_t hash = hash_key(object->key());
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.object == nullptr) return;
            if (slot.object == object) {
                slot.object = tombstone();
                --size_;
                return;
            }
        }
    }
    std::size_t size() const noexcept { return size_; }
    void clear() noexcept {
        slots_.clear();
        mask_ = 0;
        size_ = used_ = 0;
    }
    template <class F>
    void for_each(F&& f) const {
        for (const Slot& slot : slots_)
            if (slot.object != nullptr && slot.object != tombstone()) f(slot.object);
    }

  private:
    struct Slot {
        std::size_t hash = 0;
        InstanceBase* object = nullptr;
    };
    static InstanceBase* tombstone() noexcept {
        return reinterpret_cast<InstanceBase*>(static_cast<std::uintptr_t>(1));
    }
    void grow() {
        // Doubles when live objects fill a quarter or more; otherwise only sweeps tombstones.
        std::size_t capacity = slots_.empty() ? 64 : slots_.size();
        if ((size_ + 1) * 4 > capacity) capacity *= 2;
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        mask_ = capacity - 1;
        used_ = size_;
        for (const Slot& slot : old) {
            if (slot.object == nullptr || slot.object == tombstone()) continue;
            std::size_t i = slot.hash & mask_;
            while (slots_[i].object != nullptr) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;  // objects
    std::size_t used_ = 0;  // objects and tombstones
};

}  // namespace retort::orm::detail
