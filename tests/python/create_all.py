"""Imports a generated module and creates its schema in an empty database.

    python create_all.py MODULE_FILE URL METADATA

METADATA names the module attribute holding the MetaData (`Base.metadata`,
`metadata`, `SQLModel.metadata`). Used by strata's codegen fidelity tests.
"""

import importlib.util
import sys

import sqlalchemy as sa
import sqlalchemy.orm


def main() -> None:
    path, url, metadata_name = sys.argv[1:4]
    spec = importlib.util.spec_from_file_location("generated_models", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generated_models"] = module
    spec.loader.exec_module(module)
    metadata = module
    for part in metadata_name.split("."):
        metadata = getattr(metadata, part)
    # Mapping errors (bad relationships) surface only when mappers configure.
    sa.orm.configure_mappers()
    engine = sa.create_engine(url)
    metadata.create_all(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
