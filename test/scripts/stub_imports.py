"""Stand-ins for optional imports of peers run from their sources (DoubleML, pgmpy): modules
that Debian 12 does not package and that the reference computations never call.  A stubbed
module answers every attribute with another stub; install() puts a finder for the named
top-level packages in front of the import system."""
import importlib.abc
import importlib.machinery
import sys
import types


class _Stub(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        m = _Stub(self.__name__ + "." + name)
        sys.modules[m.__name__] = m
        return m

    def __call__(self, *a, **k):
        return _Stub("stub")

    def __mro_entries__(self, bases):
        return (object,)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, packages):
        self.packages = set(packages)

    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in self.packages:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return _Stub(spec.name)

    def exec_module(self, module):
        pass


def install(packages):
    sys.meta_path.insert(0, _Finder(packages))
