import numpy as np

from practice.checks.vector_file import PREFIX, load_or_encode, vector_file

WIDTH = 2


class CountingEncode:
    """A stand-in model: a text's vector is (its length, 1); every text it is asked for is recorded."""

    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, texts):
        self.asked.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_texts_are_encoded_at_the_first_start_and_read_back_at_the_next(tmp_path):
    first, second = CountingEncode(), CountingEncode()
    made = load_or_encode(tmp_path, ["ab", "abcd"], "model-1", WIDTH, first)
    again = load_or_encode(tmp_path, ["ab", "abcd"], "model-1", WIDTH, second)
    assert first.asked == ["ab", "abcd"] and second.asked == []
    assert again.tolist() == made.tolist() == [[2.0, 1.0], [4.0, 1.0]]
    assert [p.name for p in tmp_path.iterdir()] == [vector_file(tmp_path, ["ab", "abcd"], "model-1").name]


def test_other_texts_another_order_or_another_encoder_never_read_these_vectors(tmp_path):
    load_or_encode(tmp_path, ["ab", "abcd"], "model-1", WIDTH, CountingEncode())
    for texts, model in ((["abcd", "ab"], "model-1"), (["ab", "abcd", "x"], "model-1"), (["ab", "abcd"], "model-2")):
        encode = CountingEncode()
        vectors = load_or_encode(tmp_path, texts, model, WIDTH, encode)
        assert encode.asked == texts
        assert vectors[:, 0].tolist() == [len(t) for t in texts]
    # each new catalogue replaces the file of the one before
    assert [p.name for p in tmp_path.glob(f"{PREFIX}*")] == [vector_file(tmp_path, ["ab", "abcd"], "model-2").name]


def test_a_damaged_or_wrongly_shaped_file_is_encoded_again_and_rewritten(tmp_path):
    path = vector_file(tmp_path, ["ab"], "model-1")
    for damage in (b"not numpy at all", None):
        if damage is None:
            np.save(path, np.zeros((3, WIDTH), dtype=np.float32))
        else:
            path.write_bytes(damage)
        encode = CountingEncode()
        assert load_or_encode(tmp_path, ["ab"], "model-1", WIDTH, encode).tolist() == [[2.0, 1.0]]
        assert encode.asked == ["ab"]
        assert np.load(path).tolist() == [[2.0, 1.0]]


def test_a_folder_that_cannot_be_written_still_gives_the_vectors(tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    vectors = load_or_encode(blocked / "cache", ["abc"], "model-1", WIDTH, CountingEncode())
    assert vectors.tolist() == [[3.0, 1.0]]
    assert [p.name for p in tmp_path.iterdir()] == ["a-file-not-a-folder"]
