import contextvars, greenlet
import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

def show(tag):
    open("/tmp/adm_dbg.txt","a").write(" ".join(map(str,(tag, id(connections["default"]), hasattr(connections["default"], "_test_serialized_contents"), id(contextvars.copy_context()), greenlet.getcurrent())))+"\n")

def test_a(live_server):
    show("A")

def test_b(page, live_server):
    show("B")

def test_c(live_server):
    show("C")
