// A primary key that is not an integer is read with its row like any column: here a bytea key
// read after another bytea column, which PostgreSQL's result decodes into the same buffer.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;

struct Blob {
    Bytes payload{};  // read before the key
    Bytes key{};
    std::string note{};
};
MetaData bytes_key_metadata;
struct Blobs : Model<Blob> {
    Column<&Blob::payload> payload{this};
    Column<&Blob::key> key{this, primary_key};
    Column<&Blob::note> note{this};
    Blobs() : Model("orm_bytes_keys", bytes_key_metadata) {}
};
const Blobs blobs;

class OrmBytesKeyTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(OrmBytesKeyTest);

TEST_P(OrmBytesKeyTest, a_bytes_key_after_another_bytes_column_keeps_its_value) {
    Engine engine = make_engine();
    bytes_key_metadata.drop_all(engine);
    bytes_key_metadata.create_all(engine);
    {
        Session session(engine);
        for (int i = 0; i < 20; ++i)  // payloads longer than the keys: the buffer grows
            session.add(Blob{to_bytes(std::string(500 + i, static_cast<char>('a' + i))),
                             to_bytes("key-" + std::to_string(i)), std::to_string(i)});
        session.commit();
    }
    Session session(engine);
    auto loaded = session.query(blobs).all();
    ASSERT_EQ(loaded.size(), 20u);
    for (const auto& blob : loaded) {
        const Bytes expected = to_bytes("key-" + blob->note);
        EXPECT_EQ(blob->key, expected) << "row " << blob->note;
        EXPECT_EQ(blob->payload.size(), 500u + std::stoul(blob->note));
    }
    session.close();
    bytes_key_metadata.drop_all(engine);
}

}  // namespace
}  // namespace retort::testing
