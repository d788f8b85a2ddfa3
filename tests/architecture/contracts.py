"""The house conventions as checks over the source (STYLE.md practices 1, 2, 10; issue 9,
item 7), read with `ast` so that an allow-list can be expressed (import-linter expresses
deny-lists only). Every service under services/*/src/<svc>/ and every feature package in
it (a sub-package other than `domain`) is found from the tree; nothing is listed by hand.

Contracts (the id is what an allowance line names):

- `purity`: `<svc>.domain` modules and every `rules` module import only the standard
  library, `common.calendar`, `common.errors`, their own service's `domain` and its other
  features' `rules` (themselves held to this contract, so purity holds transitively).
- `layers`: within a feature, `api → service → repository | rules → tables`: a module
  imports no module of its feature in a layer above it, and `repository` and `rules` do not
  import each other; across features a module imports no higher layer than its own.
- `api-imports`: an `api` module (a feature's `api.py`, or a service's `api.py` /
  `api_*.py`) imports neither `sqlalchemy` nor any `tables` module.
- `commit`: no `commit(` call in service code: the request's transaction and the consumer
  commit (libs/common/src/common/db/ and the platform's workers).
- `local-import`: no import inside a function (except under `if TYPE_CHECKING:`).
- `flat-module`: no layer-named module at a service's root (`api_*.py`, `service_*.py`,
  `schemas_*.py`, `tables_*.py`, `repository_*.py`): features are packages.
- `size`: no module over 400 lines.

Modules not yet moved into this shape are named, per service, in
services/<svc>/architecture-pending.txt (`<contract> <module>` a line, `#` comments). An
entry exempts that module from that contract; an entry whose module now keeps the contract
is itself reported (`stale`), so the lists only shrink.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LAYERS = {"api": 4, "service": 3, "repository": 2, "rules": 2, "tables": 1}
MAX_LINES = 400
PENDING_FILE = "architecture-pending.txt"
PURE_ALLOWED = ("common.calendar", "common.errors")
FLAT = re.compile(r"^(api|service|schemas|tables|repository)_\w+$")
STDLIB = frozenset(sys.stdlib_module_names)


@dataclass(frozen=True, order=True)
class Violation:
    contract: str
    module: str
    detail: str

    def __str__(self) -> str:
        return f"{self.contract} {self.module}: {self.detail}"


@dataclass(frozen=True)
class Module:
    name: str           # dotted, e.g. assessment.requests.api
    path: Path
    service: str
    feature: str | None  # the feature package, None at the root or in domain
    is_package: bool

    @property
    def leaf(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def layer(self) -> int | None:
        return LAYERS.get(self.leaf) if self.feature is not None else None

    @property
    def is_domain(self) -> bool:
        return self.name == f"{self.service}.domain" or \
            self.name.startswith(f"{self.service}.domain.")

    @property
    def is_api(self) -> bool:
        return self.leaf == "api" or (self.feature is None and self.leaf.startswith("api_"))


@dataclass(frozen=True)
class Import:
    target: str
    line: int
    in_function: bool
    type_checking: bool


@dataclass
class Service:
    name: str
    root: Path                       # services/<svc>
    modules: dict[str, Module] = field(default_factory=dict)


def discover(services_dir: Path) -> list[Service]:
    found = []
    for src in sorted(services_dir.glob("*/src/*/__init__.py")):
        package = src.parent
        service = Service(package.name, package.parent.parent)
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(package.parent).with_suffix("").parts
            is_package = parts[-1] == "__init__"
            name = ".".join(parts[:-1] if is_package else parts)
            inner = parts[1:-1] if not is_package else parts[1:-1]
            feature = inner[0] if inner and inner[0] != "domain" else None
            service.modules[name] = Module(name, path, package.name, feature, is_package)
        found.append(service)
    return found


def imports_of(module: Module, tree: ast.Module, known: dict[str, Module]) -> Iterator[Import]:
    yield from _walk(tree, module, known, in_function=False, type_checking=False)


def _walk(node: ast.AST, module: Module, known: dict[str, Module], *, in_function: bool,
          type_checking: bool) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import):
            for alias in child.names:
                yield Import(alias.name, child.lineno, in_function, type_checking)
        elif isinstance(child, ast.ImportFrom):
            for target in _from_targets(child, module, known):
                yield Import(target, child.lineno, in_function, type_checking)
        else:
            yield from _walk(
                child, module, known,
                in_function=in_function or isinstance(child, (ast.FunctionDef,
                                                              ast.AsyncFunctionDef)),
                type_checking=type_checking or _is_type_checking_block(child))


def _is_type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _from_targets(node: ast.ImportFrom, module: Module, known: dict[str, Module]) -> list[str]:
    base = node.module or ""
    if node.level:
        package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    # `from pkg import name` is read as pkg.name: a module or a name in one; checks that
    # need the module take its longest known prefix (`resolve`)
    return [base if a.name == "*" else f"{base}.{a.name}" for a in node.names]


def resolve(target: str, known: dict[str, Module]) -> Module | None:
    """The service module `target` is, or names something in."""
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        found = known.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def check_module(module: Module, service: Service) -> Iterator[Violation]:
    source = module.path.read_text()
    tree = ast.parse(source, str(module.path))
    imports = list(imports_of(module, tree, service.modules))
    yield from _purity(module, imports)
    yield from _layers(module, imports, service)
    yield from _api_imports(module, imports)
    yield from _commits(module, tree)
    for imp in imports:
        if imp.in_function and not imp.type_checking:
            yield Violation("local-import", module.name,
                            f"line {imp.line} imports {imp.target} inside a function")
    if module.feature is None and not module.is_package and FLAT.match(module.leaf):
        yield Violation("flat-module", module.name, "a layer module outside a feature package")
    lines = source.count("\n")
    if lines > MAX_LINES:
        yield Violation("size", module.name, f"{lines} lines (at most {MAX_LINES})")


def _purity(module: Module, imports: list[Import]) -> Iterator[Violation]:
    if not (module.is_domain or module.leaf == "rules"):
        return
    own_domain = f"{module.service}.domain"
    for imp in imports:
        target = imp.target
        if _top(target) in STDLIB or target == own_domain or \
                target.startswith(own_domain + ".") or _is_rules_of(target, module.service) or \
                any(target == a or target.startswith(a + ".") for a in PURE_ALLOWED):
            continue
        yield Violation("purity", module.name, f"line {imp.line} imports {target}")


def _is_rules_of(target: str, service: str) -> bool:
    parts = target.split(".")
    return len(parts) >= 3 and parts[0] == service and parts[2] == "rules"


def _layers(module: Module, imports: list[Import], service: Service) -> Iterator[Violation]:
    layer = module.layer
    if layer is None:
        return
    for imp in imports:
        other = resolve(imp.target, service.modules)
        if other is None or other.layer is None or other.name == module.name:
            continue
        same_feature = other.feature == module.feature
        if other.layer > layer or (same_feature and other.layer == layer):
            yield Violation("layers", module.name,
                            f"line {imp.line}: {module.leaf} imports {other.name}")


def _api_imports(module: Module, imports: list[Import]) -> Iterator[Violation]:
    if not module.is_api:
        return
    for imp in imports:
        parts = imp.target.split(".")
        if parts[0] == "sqlalchemy" or any(p == "tables" or p.startswith("tables_")
                                           for p in parts[1:]):
            yield Violation("api-imports", module.name, f"line {imp.line} imports {imp.target}")


def _commits(module: Module, tree: ast.Module) -> Iterator[Violation]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else \
                func.id if isinstance(func, ast.Name) else None
            if name == "commit":
                yield Violation("commit", module.name, f"line {node.lineno} calls commit()")


def pending(service: Service) -> set[tuple[str, str]]:
    path = service.root / PENDING_FILE
    if not path.exists():
        return set()
    entries = set()
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            contract, module = line.split()[:2]
            entries.add((contract, module))
    return entries


def violations(service: Service) -> list[Violation]:
    return [v for m in service.modules.values() for v in check_module(m, service)]


def check_service(service: Service) -> list[Violation]:
    """What breaks a contract and is not pending, and pending entries no longer needed."""
    found = violations(service)
    allowed = pending(service)
    broken = sorted(v for v in found if (v.contract, v.module) not in allowed)
    used = {(v.contract, v.module) for v in found}
    stale = [Violation("stale", module, f"{PENDING_FILE} exempts it from {contract}, "
                       "which it now keeps: remove the line")
             for contract, module in sorted(allowed - used)]
    return broken + stale


def check(services_dir: Path) -> list[Violation]:
    return [v for service in discover(services_dir) for v in check_service(service)]


def pending_lines(service: Service) -> list[str]:
    """The allowance file's lines that would exempt every current violation."""
    found = {(v.contract, v.module) for v in violations(service)}
    return [f"{contract} {module}" for contract, module in sorted(found)]


if __name__ == "__main__":  # print the violations (or, with --pending, allowance lines)
    root = Path(__file__).resolve().parents[2] / "services"
    for svc in discover(root):
        if "--pending" in sys.argv:
            print(f"== {svc.name}", *pending_lines(svc), sep="\n")
        else:
            print(*check_service(svc), sep="\n")
